//! The steps each demo nomination went through.

use super::*;

/// The steps of case `i` (the create step first), and what they leave in the outcome
/// row; the comment windows are counted in working days as the API counts them.
pub(super) fn timeline(
    c: &Case,
    i: usize,
    round: &Round<'_>,
    created: NaiveDateTime,
) -> Result<(Timeline, OutcomeRow), SeedError> {
    let r = round.row;
    let mut t = Timeline(Vec::new());
    let mut out = OutcomeRow::default();
    t.step("create", ("", "draft"), By::UnitOfficer, None, created);
    let submitted = match c.fate {
        Fate::Draft { .. } => return Ok((t, out)),
        // Sent on the window's last days, after DIC had prepared its letter.
        Fate::Submitted => at(2023, 11, 29, 2, 30)?,
        _ => created + Duration::days(21 + (i % 3) as i64) + Duration::hours(1),
    };
    if submitted.date() > r.nomination_closes_on {
        return Err(SeedError::Invalid("submitted after the window".into()));
    }
    t.step(
        "submit",
        ("draft", "submitted"),
        By::UnitHead,
        None,
        submitted,
    );
    let consolidated = round
        .submission
        .map(|s| s.sent_at)
        .ok_or_else(|| SeedError::Invalid("no submission in the round".into()))?;
    let decided = round
        .decision
        .map(|d| d.created_at)
        .ok_or_else(|| SeedError::Invalid("no decision in the round".into()))?;
    let consolidate = |t: &mut Timeline| {
        t.step(
            "consolidate",
            ("submitted", "consolidated"),
            By::Dic,
            Some(SUBMISSION_LETTER),
            consolidated,
        )
    };
    // State awards are appraised first: their public comment takes ten working days.
    let appraised = if c.form == SA {
        at(2023, 12, 7, 2, 0)?
    } else {
        at(2023, 12, 12 + (i % 4) as u32, 2, 0)?
    } + Duration::minutes(10 * i as i64);
    let approve = |t: &mut Timeline, opinion: &str| {
        t.step(
            "approve",
            ("consolidated", "approved"),
            By::HomeAffairs,
            Some(opinion),
            appraised,
        )
    };
    let window = |opens: NaiveDate| {
        let closes = round
            .calendar
            .add_working_days(opens, r.comment_working_days.max(0) as u32);
        (Some(opens), Some(closes))
    };
    match c.fate {
        Fate::Draft { .. } | Fate::Submitted => {}
        Fate::Returned { reason } => t.step(
            "return",
            ("submitted", "returned"),
            By::Dic,
            Some(reason),
            submitted + Duration::days(8),
        ),
        Fate::Withdrawn { comment } => t.step(
            "withdraw",
            ("submitted", "withdrawn"),
            By::UnitHead,
            Some(comment),
            submitted + Duration::days(10),
        ),
        Fate::Consolidated => consolidate(&mut t),
        Fate::Approved { opinion } => {
            consolidate(&mut t);
            approve(&mut t, opinion);
        }
        Fate::Rejected { opinion } => {
            consolidate(&mut t);
            t.step(
                "reject",
                ("consolidated", "rejected"),
                By::HomeAffairs,
                Some(opinion),
                appraised,
            );
        }
        Fate::Awarded {
            opinion,
            returned_once,
        } => {
            if let Some(reason) = returned_once {
                let back = submitted + Duration::days(6);
                t.step(
                    "return",
                    ("submitted", "returned"),
                    By::Dic,
                    Some(reason),
                    back,
                );
                let again = back + Duration::days(7);
                if again.date() > r.nomination_closes_on {
                    return Err(SeedError::Invalid("resubmitted after the window".into()));
                }
                t.step(
                    "submit",
                    ("returned", "submitted"),
                    By::UnitHead,
                    None,
                    again,
                );
            }
            consolidate(&mut t);
            approve(&mut t, opinion);
            t.step(
                "award",
                ("approved", "awarded"),
                By::Chair,
                Some(DECISION_NUMBER),
                decided,
            );
        }
        Fate::NotAwarded { opinion, reason } => {
            consolidate(&mut t);
            approve(&mut t, opinion);
            t.step(
                "close",
                ("approved", "not_awarded"),
                By::Chair,
                Some(reason),
                decided + Duration::minutes(30),
            );
            out.not_awarded_reason = Some(reason.into());
        }
        Fate::Posted { opinion } => {
            consolidate(&mut t);
            approve(&mut t, opinion);
            let posted = at(2023, 12, 27, 2, 0)?;
            t.step(
                "post_for_comment",
                ("approved", "posted_for_comment"),
                By::Chair,
                None,
                posted,
            );
            (out.comment_opens_on, out.comment_closes_on) = window(posted.date());
        }
        Fate::Forwarded { opinion }
        | Fate::StateAwarded { opinion, .. }
        | Fate::StateDeclined { opinion, .. } => {
            consolidate(&mut t);
            approve(&mut t, opinion);
            let posted = at(2023, 12, 8, 2, 0)?;
            t.step(
                "post_for_comment",
                ("approved", "posted_for_comment"),
                By::Chair,
                None,
                posted,
            );
            (out.comment_opens_on, out.comment_closes_on) = window(posted.date());
            // Forwarded once the comment window has closed.
            let forwarded = at(2023, 12, 26, 3, 0)?;
            if out.comment_closes_on.is_some_and(|c| forwarded.date() <= c) {
                return Err(SeedError::Invalid(
                    "forwarded inside the comment window".into(),
                ));
            }
            t.step(
                "forward",
                ("posted_for_comment", "forwarded_to_central"),
                By::Chair,
                None,
                forwarded,
            );
            out.forwarded_at = Some(forwarded);
            let recorded = at(2024, 4, 15, 2, 0)?;
            match c.fate {
                Fate::StateAwarded {
                    number, decided_on, ..
                } => {
                    t.step(
                        "state_awarded",
                        ("forwarded_to_central", "state_awarded"),
                        By::Chair,
                        None,
                        recorded,
                    );
                    out.central_decision_number = Some(number.into());
                    out.central_decided_on = Some(day(decided_on)?);
                    out.central_recorded_at = Some(recorded);
                }
                Fate::StateDeclined {
                    comment,
                    decided_on,
                    ..
                } => {
                    t.step(
                        "state_declined",
                        ("forwarded_to_central", "state_declined"),
                        By::Chair,
                        Some(comment),
                        recorded,
                    );
                    out.central_decided_on = Some(day(decided_on)?);
                    out.central_recorded_at = Some(recorded);
                }
                _ => {}
            }
        }
    }
    Ok((t, out))
}
