//! Use-case tests of `app::dashboard`, on a fresh demo database, without HTTP.
