use super::ErrorCode;

/// Exhaustive: a new variant does not compile here until it gets a place, and the
/// place must be its index in `ALL`.
fn position(code: ErrorCode) -> usize {
    match code {
        ErrorCode::MalformedRequest => 0,
        ErrorCode::InvalidQuery => 1,
        ErrorCode::InvalidPath => 2,
        ErrorCode::Unauthenticated => 3,
        ErrorCode::InvalidToken => 4,
        ErrorCode::InvalidCredentials => 5,
        ErrorCode::AccountInactive => 6,
        ErrorCode::RefreshTokenInvalid => 7,
        ErrorCode::RefreshTokenReused => 8,
        ErrorCode::Forbidden => 9,
        ErrorCode::NotFound => 10,
        ErrorCode::RouteNotFound => 11,
        ErrorCode::MethodNotAllowed => 12,
        ErrorCode::Conflict => 13,
        ErrorCode::AlreadyExists => 14,
        ErrorCode::InUse => 15,
        ErrorCode::IdempotencyKeyReused => 16,
        ErrorCode::InvalidState => 17,
        ErrorCode::PlanExists => 18,
        ErrorCode::ReportExists => 19,
        ErrorCode::NoAcceptedPlan => 20,
        ErrorCode::TargetsMissing => 21,
        ErrorCode::ResultsIncomplete => 22,
        ErrorCode::RoundClosed => 23,
        ErrorCode::DuplicateNomination => 24,
        ErrorCode::DuplicateAward => 25,
        ErrorCode::DossierIncomplete => 26,
        ErrorCode::QuotaExceeded => 27,
        ErrorCode::NomineeFlagged => 28,
        ErrorCode::CommentWindowOpen => 29,
        ErrorCode::StaleVersion => 30,
        ErrorCode::PreconditionRequired => 31,
        ErrorCode::PayloadTooLarge => 32,
        ErrorCode::UnsupportedMediaType => 33,
        ErrorCode::NotAcceptable => 34,
        ErrorCode::ValidationFailed => 35,
        ErrorCode::RateLimited => 36,
        ErrorCode::DatabaseUnavailable => 37,
        ErrorCode::Internal => 38,
        ErrorCode::PersonalDataErased => 39,
        ErrorCode::InvalidFile => 40,
        ErrorCode::SessionRevoked => 41,
        ErrorCode::LoginBusy => 42,
        ErrorCode::ControlCharacter => 43,
        ErrorCode::UriTooLong => 44,
        ErrorCode::RequestTimeout => 45,
        ErrorCode::InvalidHeader => 46,
        ErrorCode::UnitCycle => 47,
    }
}

#[test]
fn all_lists_every_variant_once_in_order() {
    assert_eq!(ErrorCode::ALL.len(), 48);
    for (i, code) in ErrorCode::ALL.iter().enumerate() {
        assert_eq!(position(*code), i, "{code:?}");
        assert_eq!(ErrorCode::parse(code.as_str()), Some(*code));
    }
    assert_eq!(ErrorCode::parse("no_such_code"), None);
}
