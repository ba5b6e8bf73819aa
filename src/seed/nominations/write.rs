//! Writing a demo nomination: as drafted, then its dossier, history and outcome.

use super::*;

/// The nomination as drafted (nominee columns as `set_nominee` fills them).
fn drafted(
    c: &Case,
    round: &RoundRow,
    units: &HashMap<&str, String>,
    names: &HashMap<String, String>,
    created: NaiveDateTime,
) -> Result<NominationRow, SeedError> {
    let unit_id = |code: &str| {
        units
            .get(code)
            .cloned()
            .ok_or_else(|| SeedError::Invalid(format!("unknown unit {code}")))
    };
    let mut row = NominationRow {
        id: new_id(),
        round_id: round.id.clone(),
        movement_id: round.movement_id.clone(),
        unit_id: unit_id(c.unit)?,
        award_form: vocab(c.form)?,
        nominee_kind: NomineeKind::Individual,
        nominee_unit_id: None,
        nominee_name: String::new(),
        nominee_search: String::new(),
        nominee_key: String::new(),
        women_share_percent: None,
        gender: None,
        birth_year: None,
        position: String::new(),
        workplace: String::new(),
        achievement_summary: c.summary.into(),
        clean_record: c.clean_record,
        status: State::Draft,
        submitted_at: None,
        return_reason: None,
        submission_id: None,
        consolidated_at: None,
        appraisal_verdict: None,
        appraisal_opinion: None,
        appraised_at: None,
        version: 1,
        created_at: created,
        updated_at: created,
        achievement_type: crate::domain::achievement::default_for(round.kind),
        household_members: None,
        cited_model_ids: String::new(),
    };
    match c.who {
        Who::Collective { unit, team, women } => {
            let id = unit_id(unit)?;
            let name = names
                .get(&id)
                .cloned()
                .ok_or_else(|| SeedError::Invalid(format!("unknown unit {unit}")))?;
            row.nominee_kind = NomineeKind::Collective;
            row.women_share_percent = Some(women);
            row.workplace = name.clone();
            match team {
                Some(t) => {
                    row.nominee_key = Nominee::Collective {
                        unit_id: &id,
                        team: Some(t),
                    }
                    .key();
                    row.nominee_search = normalize(&format!("{t} {name}"));
                    row.nominee_name = t.into();
                }
                None => {
                    row.nominee_key = Nominee::Collective {
                        unit_id: &id,
                        team: None,
                    }
                    .key();
                    row.nominee_search = normalize(&name);
                    row.nominee_name = name;
                }
            }
            row.nominee_unit_id = Some(id);
        }
        Who::Person {
            name,
            female,
            birth_year,
            position,
            workplace,
        } => {
            row.nominee_kind = NomineeKind::Individual;
            row.gender = Some(if female { Gender::Female } else { Gender::Male });
            row.birth_year = Some(birth_year);
            row.position = position.into();
            row.workplace = workplace.into();
            row.nominee_key = Nominee::Person {
                full_name: name,
                birth_year,
            }
            .key();
            row.nominee_search = normalize(name);
            row.nominee_name = name.into();
        }
    }
    Ok(row)
}

/// Writes case `i` of the round with its dossier, history, submission link and
/// outcome; returns the nomination and the number of files.
pub(super) fn write(
    conn: &mut DbConnection,
    c: &Case,
    i: usize,
    round: &Round<'_>,
    cx: &Context<'_>,
) -> Result<(NominationRow, usize), SeedError> {
    let r = round.row;
    let created = (r.nomination_opens_on + Duration::days(1 + i as i64))
        .and_hms_opt(1, 30, 0)
        .ok_or_else(|| SeedError::Invalid("bad time".into()))?
        + Duration::minutes(17 * i as i64);
    let mut row = drafted(c, r, cx.units, cx.names, created)?;
    let (_, uploader, _) = cx.actors.of(By::UnitOfficer, &row.unit_id);
    let uploader = uploader.to_string();
    let (t, mut outcome) = timeline(c, i, round, created)?;

    // The dossier: uploaded the day after drafting (all required kinds once submitted).
    let kinds: Vec<DocumentKind> = r
        .required_documents
        .split_whitespace()
        .map(vocab)
        .collect::<Result<_, _>>()?;
    let count = match c.fate {
        Fate::Draft { documents } => documents.min(kinds.len()),
        _ => kinds.len(),
    };
    let uploaded = created + Duration::days(1);
    let mut docs: Vec<DocumentRow> = kinds[..count]
        .iter()
        .enumerate()
        .map(|(k, kind)| {
            document(
                &row,
                r,
                *kind,
                &uploader,
                uploaded + Duration::minutes(6 * k as i64),
            )
        })
        .collect();
    // Returned once: the unit replaced the minutes before submitting again.
    let mut submits = t.0.iter().filter(|e| e.action == "submit").map(|e| e.at);
    if let (Some(_), Some(again)) = (submits.next(), submits.next()) {
        let fixed = again - Duration::days(1);
        if let Some(old) = docs
            .iter_mut()
            .find(|d| d.kind == DocumentKind::CouncilMinutes)
        {
            old.removed_at = Some(fixed);
        }
        // The replacement says so: drafted while the nomination was returned.
        let returned = NominationRow {
            return_reason: Some(String::new()),
            ..row.clone()
        };
        docs.push(document(
            &returned,
            r,
            DocumentKind::CouncilMinutes,
            &uploader,
            fixed + Duration::minutes(5),
        ));
    }
    // Each upload and removal moved the version, as each step did.
    let changes = docs.len() + docs.iter().filter(|d| d.removed_at.is_some()).count();
    for e in &t.0[1..] {
        match e.action {
            "submit" => {
                row.submitted_at = Some(e.at);
                row.return_reason = None;
            }
            "return" => row.return_reason = e.comment.clone(),
            "consolidate" => {
                row.submission_id = round.submission.map(|s| s.id.clone());
                row.consolidated_at = Some(e.at);
            }
            "approve" | "reject" => {
                row.appraisal_verdict = Some(vocab(e.action)?);
                row.appraisal_opinion = e.comment.clone();
                row.appraised_at = Some(e.at);
            }
            _ => {}
        }
        row.status = vocab(e.to)?;
    }
    row.version = 1 + (changes + t.0.len() - 1) as i32;
    row.updated_at =
        t.0.iter()
            .map(|e| e.at)
            .chain(docs.iter().map(|d| d.removed_at.unwrap_or(d.uploaded_at)))
            .max()
            .unwrap_or(created);

    repo::insert(conn, &row)?;
    docs.sort_by_key(|d| d.uploaded_at);
    for d in &docs {
        crate::db::repo::dossier::insert_document(conn, d)?;
    }
    for e in &t.0 {
        let (id, username, role) = cx.actors.of(e.by, &row.unit_id);
        workflow::record(
            conn,
            &workflow::Step {
                resource_type: "nomination",
                resource_id: &row.id,
                action: e.action,
                from_status: e.from,
                to_status: e.to,
                actor_id: id,
                actor_username: username,
                actor_role: role,
                comment: e.comment.as_deref(),
                at: e.at,
            },
        )?;
    }
    if let (Some(sub), Some(_)) = (round.submission, row.consolidated_at) {
        submissions::add_nominations(conn, &sub.id, std::slice::from_ref(&row.id))?;
    }
    outcome.nomination_id = row.id.clone();
    let empty = OutcomeRow {
        nomination_id: row.id.clone(),
        ..OutcomeRow::default()
    };
    if outcome != empty {
        repo::save_outcome(conn, &outcome)?;
    }
    Ok((row, docs.len()))
}
