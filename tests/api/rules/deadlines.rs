//! Use-case tests of `app::deadlines`, on a fresh demo database, without HTTP.
