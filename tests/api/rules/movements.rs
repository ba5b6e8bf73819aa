//! Use-case tests of `app::movements`, on a fresh demo database, without HTTP.
