//! Use-case tests of `app::nominations`, on a fresh demo database, without HTTP.
