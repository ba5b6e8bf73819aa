//! Use-case tests of `app::consolidation`, on a fresh demo database, without HTTP.
