//! Use-case tests of `app::plans`, on a fresh demo database, without HTTP.
