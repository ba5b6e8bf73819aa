// Written by hand to match migrations/{postgres,sqlite}; both backends share it.

diesel::table! {
    service_secrets (name) {
        name -> Text,
        secret_value -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    emulation_groups (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        name_search -> Text,
        kind -> Text,
        description -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    units (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        name_search -> Text,
        kind -> Text,
        group_id -> Nullable<Text>,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        successor_id -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        women_share_percent -> Nullable<Double>,
        parent_id -> Nullable<Text>,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        full_name -> Text,
        unit_id -> Text,
        roles -> Text,
        password_hash -> Text,
        active -> Bool,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        issued_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_throttle (throttle_key) {
        throttle_key -> Text,
        window_started_at -> Timestamp,
        failures -> Integer,
        locked_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    movements (id) {
        id -> Text,
        code -> Text,
        title -> Text,
        title_search -> Text,
        theme -> Text,
        period_start_year -> Integer,
        period_end_year -> Integer,
        legal_basis -> Text,
        plan_document -> Text,
        standing_unit_id -> Text,
        appraising_unit_id -> Text,
        fields -> Text,
        content_items -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        annual_report_due_month -> Integer,
        annual_report_due_day -> Integer,
        review_working_days -> Integer,
    }
}

diesel::table! {
    criteria (id) {
        id -> Text,
        movement_id -> Text,
        code -> Text,
        title -> Text,
        field_code -> Text,
        unit_of_measure -> Text,
        max_score -> Double,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    award_rounds (id) {
        id -> Text,
        movement_id -> Text,
        code -> Text,
        kind -> Text,
        title -> Text,
        period_start_year -> Integer,
        period_end_year -> Integer,
        nomination_opens_on -> Date,
        nomination_closes_on -> Date,
        report_due_on -> Nullable<Date>,
        appraisal_working_days -> Integer,
        comment_working_days -> Integer,
        required_documents -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    round_quotas (round_id, award_form, nominee_kind) {
        round_id -> Text,
        award_form -> Text,
        nominee_kind -> Text,
        max_awards -> Nullable<Integer>,
        awarded -> Integer,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        occurred_at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_username -> Nullable<Text>,
        actor_roles -> Text,
        action -> Text,
        resource_type -> Text,
        resource_id -> Text,
        request_id -> Nullable<Text>,
        changes -> Text,
    }
}

diesel::table! {
    idempotency_keys (user_id, idempotency_key) {
        user_id -> Text,
        idempotency_key -> Text,
        request_fingerprint -> Text,
        response_status -> Integer,
        response_body -> Text,
        response_location -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    plans (id) {
        id -> Text,
        unit_id -> Text,
        movement_id -> Text,
        kind -> Text,
        year -> Nullable<Integer>,
        period_key -> Text,
        title -> Text,
        description -> Text,
        status -> Text,
        submitted_at -> Nullable<Timestamp>,
        reviewed_at -> Nullable<Timestamp>,
        return_reason -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    plan_targets (id) {
        id -> Text,
        plan_id -> Text,
        criterion_id -> Text,
        target_value -> Double,
        unit_of_measure -> Text,
        note -> Text,
        position -> Integer,
    }
}

diesel::table! {
    reports (id) {
        id -> Text,
        unit_id -> Text,
        movement_id -> Text,
        plan_id -> Text,
        kind -> Text,
        year -> Nullable<Integer>,
        round_id -> Nullable<Text>,
        period_key -> Text,
        narrative -> Text,
        status -> Text,
        due_on -> Date,
        first_submitted_at -> Nullable<Timestamp>,
        submitted_at -> Nullable<Timestamp>,
        late -> Bool,
        reviewed_at -> Nullable<Timestamp>,
        return_reason -> Nullable<Text>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    report_results (id) {
        id -> Text,
        report_id -> Text,
        target_id -> Text,
        criterion_id -> Text,
        achieved_value -> Double,
        self_score -> Double,
        assessed_score -> Nullable<Double>,
        evidence -> Text,
        evidence_url -> Nullable<Text>,
    }
}

diesel::table! {
    workflow_events (id) {
        id -> Text,
        resource_type -> Text,
        resource_id -> Text,
        action -> Text,
        from_status -> Text,
        to_status -> Text,
        actor_id -> Text,
        actor_username -> Text,
        actor_role -> Text,
        comment -> Nullable<Text>,
        occurred_at -> Timestamp,
    }
}

diesel::table! {
    consolidated_reports (id) {
        id -> Text,
        movement_id -> Text,
        period_key -> Text,
        year -> Nullable<Integer>,
        round_id -> Nullable<Text>,
        is_current -> Bool,
        issued_at -> Timestamp,
        issued_by -> Text,
        content -> Text,
    }
}

diesel::table! {
    public_holidays (day) {
        day -> Date,
        name -> Text,
    }
}

diesel::table! {
    nominations (id) {
        id -> Text,
        round_id -> Text,
        movement_id -> Text,
        unit_id -> Text,
        award_form -> Text,
        nominee_kind -> Text,
        nominee_unit_id -> Nullable<Text>,
        nominee_name -> Text,
        nominee_search -> Text,
        nominee_key -> Text,
        women_share_percent -> Nullable<Double>,
        gender -> Nullable<Text>,
        birth_year -> Nullable<Integer>,
        position -> Text,
        workplace -> Text,
        achievement_summary -> Text,
        clean_record -> Bool,
        status -> Text,
        submitted_at -> Nullable<Timestamp>,
        return_reason -> Nullable<Text>,
        submission_id -> Nullable<Text>,
        consolidated_at -> Nullable<Timestamp>,
        appraisal_verdict -> Nullable<Text>,
        appraisal_opinion -> Nullable<Text>,
        appraised_at -> Nullable<Timestamp>,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        achievement_type -> Text,
        household_members -> Nullable<Integer>,
        cited_model_ids -> Text,
    }
}

diesel::table! {
    submissions (id) {
        id -> Text,
        round_id -> Text,
        movement_id -> Text,
        letter_number -> Text,
        letter_date -> Date,
        note -> Text,
        sent_by -> Text,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    submission_nominations (submission_id, nomination_id) {
        submission_id -> Text,
        nomination_id -> Text,
    }
}

diesel::table! {
    decisions (id) {
        id -> Text,
        round_id -> Text,
        movement_id -> Text,
        issuer_unit_id -> Text,
        number -> Text,
        year -> Integer,
        signed_on -> Date,
        signer -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    decision_nominations (decision_id, nomination_id) {
        decision_id -> Text,
        nomination_id -> Text,
    }
}

diesel::table! {
    nomination_documents (id) {
        id -> Text,
        nomination_id -> Text,
        kind -> Text,
        file_name -> Text,
        media_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        content -> Binary,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
        removed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    nomination_outcomes (nomination_id) {
        nomination_id -> Text,
        not_awarded_reason -> Nullable<Text>,
        comment_opens_on -> Nullable<Date>,
        comment_closes_on -> Nullable<Date>,
        forwarded_at -> Nullable<Timestamp>,
        central_decision_number -> Nullable<Text>,
        central_decided_on -> Nullable<Date>,
        central_recorded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    unit_awards (id) {
        id -> Text,
        unit_id -> Text,
        movement_id -> Text,
        recipient_kind -> Text,
        recipient_unit_id -> Nullable<Text>,
        recipient_name -> Text,
        recipient_search -> Text,
        recipient_key -> Text,
        gender -> Nullable<Text>,
        birth_year -> Nullable<Integer>,
        position -> Text,
        women_share_percent -> Nullable<Double>,
        title -> Text,
        achievement -> Text,
        decision_number -> Text,
        decided_on -> Date,
        year -> Integer,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    exemplary_models (id) {
        id -> Text,
        movement_id -> Text,
        unit_id -> Text,
        title -> Text,
        search_text -> Text,
        field_code -> Text,
        content_item -> Text,
        description -> Text,
        results -> Text,
        figures -> Text,
        responsible_unit -> Text,
        started_year -> Integer,
        status -> Text,
        submitted_at -> Nullable<Timestamp>,
        return_reason -> Nullable<Text>,
        decision_issuer_unit_id -> Nullable<Text>,
        decision_number -> Nullable<Text>,
        decision_date -> Nullable<Date>,
        decision_year -> Nullable<Integer>,
        recognized_at -> Nullable<Timestamp>,
        retired_at -> Nullable<Timestamp>,
        retire_reason -> Nullable<Text>,
        version -> Integer,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    exemplary_model_documents (id) {
        id -> Text,
        model_id -> Text,
        kind -> Text,
        file_name -> Text,
        media_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        content -> Binary,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
        removed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    model_replications (id) {
        id -> Text,
        model_id -> Text,
        unit_id -> Text,
        started_on -> Date,
        results -> Text,
        evidence -> Text,
        status -> Text,
        confirmed_at -> Nullable<Timestamp>,
        confirmed_by -> Nullable<Text>,
        version -> Integer,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(units -> emulation_groups (group_id));
diesel::joinable!(nomination_outcomes -> nominations (nomination_id));
diesel::joinable!(nomination_documents -> nominations (nomination_id));
diesel::joinable!(plans -> units (unit_id));
diesel::joinable!(plan_targets -> plans (plan_id));
diesel::joinable!(plan_targets -> criteria (criterion_id));
diesel::joinable!(reports -> units (unit_id));
diesel::joinable!(report_results -> reports (report_id));
diesel::joinable!(report_results -> plan_targets (target_id));
diesel::joinable!(users -> units (unit_id));
diesel::joinable!(criteria -> movements (movement_id));
diesel::joinable!(award_rounds -> movements (movement_id));
diesel::joinable!(round_quotas -> award_rounds (round_id));
diesel::joinable!(exemplary_models -> units (unit_id));
diesel::joinable!(exemplary_model_documents -> exemplary_models (model_id));
diesel::joinable!(model_replications -> exemplary_models (model_id));

diesel::allow_tables_to_appear_in_same_query!(
    service_secrets,
    emulation_groups,
    units,
    users,
    refresh_tokens,
    login_throttle,
    movements,
    criteria,
    award_rounds,
    round_quotas,
    audit_events,
    idempotency_keys,
    plans,
    plan_targets,
    reports,
    report_results,
    workflow_events,
    consolidated_reports,
    public_holidays,
    nominations,
    nomination_documents,
    submissions,
    submission_nominations,
    decisions,
    decision_nominations,
    nomination_outcomes,
    unit_awards,
    exemplary_models,
    exemplary_model_documents,
    model_replications,
);
