//! Use-case tests of `app::state_awards`, on a fresh demo database, without HTTP.
