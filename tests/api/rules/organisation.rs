//! Use-case tests of `app::organisation`, on a fresh demo database, without HTTP.
