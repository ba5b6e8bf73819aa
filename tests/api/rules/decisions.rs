//! Use-case tests of `app::decisions`, on a fresh demo database, without HTTP.
