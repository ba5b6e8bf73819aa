//! Use-case tests of `app::unit_awards`, on a fresh demo database, without HTTP.
