//! Use-case tests of `app::rollup`, on a fresh demo database, without HTTP.
