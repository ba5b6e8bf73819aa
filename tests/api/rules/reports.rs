//! Use-case tests of `app::reports`, on a fresh demo database, without HTTP.
