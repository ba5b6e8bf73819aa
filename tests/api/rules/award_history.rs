//! Use-case tests of `app::award_history`, on a fresh demo database, without HTTP.
