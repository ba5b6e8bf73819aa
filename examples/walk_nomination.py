#!/usr/bin/env python3
"""Walk a nomination from draft to /public/awards through the generated Python client.

Uses only the client that openapi-python-client generates from the committed
openapi/openapi.json (package `thidua_client`, see the README's "For integrators"):
no raw HTTP. Runs against a server started with `thidua serve --demo`:

    THIDUA_DEMO_PASSWORD=… python examples/walk_nomination.py http://127.0.0.1:8080

The demo's accounts are named after their roles (src/seed): the officer of UBND Huyện
Tháp Mười drafts an individual and a collective nomination in the open round and
uploads the dossier the round requires, the unit's head submits them, DIC (the
movement's standing unit) consolidates them into a submission to Home Affairs, which
appraises them, the Chair decides the awards, and the anonymous public list shows them.
Each step is printed; any answer other than the one expected exits non-zero.
"""

from __future__ import annotations

import datetime
import io
import os
import secrets
import sys
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from thidua_client import AuthenticatedClient, Client
from thidua_client.api.auth import issue_token
from thidua_client.api.movements import list_movements, list_rounds
from thidua_client.api.nominations import (
    appraise_nomination,
    create_nomination,
    get_nomination,
    list_documents,
    submit_nomination,
    upload_document,
)
from thidua_client.api.decisions import create_decision
from thidua_client.api.organisation import list_units
from thidua_client.api.submissions import create_submission
from thidua_client.api.public import list_public_awards
from thidua_client.models import (
    Appraisal,
    AwardForm,
    Collective,
    DocumentUpload,
    Gender,
    Individual,
    LoginRequest,
    NewDecision,
    NewNomination,
    NewSubmission,
    Nomination,
    NominationStatus,
    NomineeKind,
    Problem,
    StepComment,
    Verdict,
)
from thidua_client.types import UNSET, File, Response

# The province's day: windows and dates are judged in Vietnam's time zone.
TODAY = datetime.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


def fail(message: str) -> NoReturn:
    print(f"FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def expect(response: Response[Any], status: int, what: str) -> Any:
    """The parsed body of an answer with the expected status, or exit with its problem."""
    if response.status_code != status:
        parsed = response.parsed
        if isinstance(parsed, Problem):
            detail = f"{parsed.code}: {parsed.title} — {parsed.detail}"
        else:
            detail = response.content.decode("utf-8", "replace")[:500]
        fail(f"{what}: expected {status}, got {int(response.status_code)} ({detail})")
    if response.parsed is None or isinstance(response.parsed, Problem):
        fail(f"{what}: the client could not parse the {status} answer")
    return response.parsed


def etag_of(response: Response[Any], what: str) -> str:
    etag = response.headers.get("ETag")
    if not etag:
        fail(f"{what}: the answer has no ETag header")
    return etag


def minimal_pdf(title: str) -> bytes:
    """A one-page PDF with a correct cross-reference table (the server checks structure)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({title}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        ),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def login(anonymous: Client, base: str, username: str, password: str) -> AuthenticatedClient:
    # issue_token is typed for an AuthenticatedClient (the operation's `security: [{}]`),
    # yet it is the call that gets the token: the anonymous client is what works.
    token = expect(
        issue_token.sync_detailed(
            client=anonymous,  # type: ignore[arg-type]
            body=LoginRequest(username=username, password=password),
        ),
        200,
        f"login as {username}",
    )
    print(f"  signed in as {username}")
    return AuthenticatedClient(base_url=base, token=token.access_token, timeout=30.0)


def current(client: AuthenticatedClient, nomination_id: str, what: str) -> tuple[Nomination, str]:
    """The nomination as it is now, and the ETag to send as If-Match."""
    response = get_nomination.sync_detailed(nomination_id, client=client)
    return expect(response, 200, what), etag_of(response, what)


def main() -> None:
    base = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("THIDUA_BASE_URL", "")).rstrip("/")
    password = os.environ.get("THIDUA_DEMO_PASSWORD", "")
    if not base or not password:
        fail("usage: THIDUA_DEMO_PASSWORD=… walk_nomination.py BASE_URL (e.g. http://127.0.0.1:8080)")
    anonymous = Client(base_url=base, timeout=30.0)

    print("1. sign in as the demo accounts")
    officer = login(anonymous, base, "unit_officer", password)
    head = login(anonymous, base, "unit_head", password)
    dic = login(anonymous, base, "dic_officer", password)
    home_affairs = login(anonymous, base, "home_affairs_officer", password)
    chair = login(anonymous, base, "chair", password)

    print("2. find a round open for nominations today")
    movements = expect(list_movements.sync_detailed(client=officer, q="chuyen doi so"), 200, "list movements")
    open_round = None
    for movement in movements.items:
        rounds = expect(list_rounds.sync_detailed(movement.id, client=officer), 200, "list rounds")
        for round_ in rounds.items:
            if round_.nomination_opens_on <= TODAY <= round_.nomination_closes_on:
                open_round = round_
                break
        if open_round:
            break
    if open_round is None:
        fail(f"no round of the movements found is open on {TODAY}")
    required = list(open_round.required_documents)
    print(f"  round {open_round.code} ({open_round.title}) open until {open_round.nomination_closes_on}")
    print(f"  required documents: {', '.join(kind.value for kind in required)}")

    units = expect(list_units.sync_detailed(client=officer, q="thap muoi"), 200, "find the officer's unit")
    unit = next((u for u in units.items if u.name == "UBND Huyện Tháp Mười"), None)
    if unit is None:
        fail("the demo unit UBND Huyện Tháp Mười was not found")

    print("3. the unit's officer drafts two nominations and uploads their dossiers")
    run = secrets.token_hex(3)
    drafts = [
        NewNomination(
            round_id=open_round.id,
            award_form=AwardForm.PROVINCIAL_MERIT,
            nominee_kind=NomineeKind.INDIVIDUAL,
            individual=Individual(
                full_name=f"Trần Thị Ngọc Hân {run}",
                gender=Gender.FEMALE,
                birth_year=1990,
                position="Chuyên viên Phòng Văn hóa và Thông tin",
                workplace="UBND Huyện Tháp Mười",
            ),
            achievement_summary="Đưa 100% thủ tục hành chính cấp huyện lên dịch vụ công trực tuyến năm 2024.",
            clean_record=True,
        ),
        NewNomination(
            round_id=open_round.id,
            award_form=AwardForm.PROVINCIAL_MERIT,
            nominee_kind=NomineeKind.COLLECTIVE,
            collective=Collective(
                unit_id=unit.id,
                team_name=f"Tổ chuyển đổi số cộng đồng {run}",
                women_share_percent=41.5,
            ),
            achievement_summary="Hướng dẫn 8.000 hộ dân cài đặt và dùng ứng dụng dịch vụ công trên điện thoại.",
            clean_record=True,
        ),
    ]
    nominations: list[Nomination] = []
    for body in drafts:
        key = f"walk-{run}-{body.nominee_kind.value}"
        nomination = expect(
            create_nomination.sync_detailed(client=officer, body=body, idempotency_key=key),
            201,
            f"create the {body.nominee_kind.value} nomination",
        )
        print(f"  draft {nomination.id}: {nomination.nominee_name} ({nomination.status.value})")
        for kind in required:
            upload = DocumentUpload(
                kind=kind,
                file=File(
                    payload=io.BytesIO(minimal_pdf(f"{kind.value} {run}")),
                    file_name=f"{kind.value}.pdf",
                    mime_type="application/pdf",
                ),
            )
            expect(
                upload_document.sync_detailed(nomination.id, client=officer, body=upload),
                201,
                f"upload {kind.value} to {nomination.id}",
            )
        documents = expect(list_documents.sync_detailed(nomination.id, client=officer), 200, "list documents")
        print(f"  uploaded {len(documents.items)} documents: {', '.join(d.kind.value for d in documents.items)}")
        nominations.append(nomination)

    print("4. the unit's head submits them (If-Match: the ETag read just before)")
    for nomination in nominations:
        # Each upload raised the version: the ETag of the create is stale by now.
        now, etag = current(head, nomination.id, "read before submit")
        if now.dossier and now.dossier.missing:
            fail(f"{nomination.id}: the dossier still lacks {[k.value for k in now.dossier.missing]}")
        submitted = expect(
            submit_nomination.sync_detailed(
                nomination.id,
                client=head,
                if_match=etag,
                body=StepComment(comment="Đề nghị Sở Khoa học và Công nghệ tổng hợp."),
            ),
            200,
            f"submit {nomination.id}",
        )
        check_status(submitted, NominationStatus.SUBMITTED)

    ids = [n.id for n in nominations]
    print("5. DIC consolidates them into a submission to Home Affairs")
    submission = expect(
        create_submission.sync_detailed(
            client=dic,
            body=NewSubmission(
                round_id=open_round.id,
                letter_number=f"{secrets.randbelow(900) + 100}/TTr-SKHCN",
                letter_date=TODAY,
                nomination_ids=ids,
            ),
            idempotency_key=f"walk-{run}-submission",
        ),
        201,
        "create the submission",
    )
    print(f"  submission {submission.letter_number} of {submission.letter_date}")

    print("6. Home Affairs appraises them")
    for nomination_id in ids:
        now, etag = current(home_affairs, nomination_id, "read before appraise")
        check_status(now, NominationStatus.CONSOLIDATED)
        appraised = expect(
            appraise_nomination.sync_detailed(
                nomination_id,
                client=home_affairs,
                if_match=etag,
                body=Appraisal(verdict=Verdict.APPROVE, opinion="Đủ điều kiện, tiêu chuẩn theo quy định."),
            ),
            200,
            f"appraise {nomination_id}",
        )
        check_status(appraised, NominationStatus.APPROVED)

    print("7. the Chair decides the awards")
    number = f"{secrets.randbelow(9000) + 1000}/QĐ-UBND"
    decision = expect(
        create_decision.sync_detailed(
            client=chair,
            body=NewDecision(
                round_id=open_round.id,
                number=number,
                signed_on=TODAY,
                signer="Chủ tịch UBND Tỉnh",
                nomination_ids=ids,
            ),
            idempotency_key=f"walk-{run}-decision",
        ),
        201,
        "create the decision",
    )
    print(f"  decision {decision.number} signed {decision.signed_on}")
    for nomination_id in ids:
        now, _ = current(chair, nomination_id, "read after the decision")
        check_status(now, NominationStatus.AWARDED)

    print("8. the awards are open data (no token)")
    wanted = {n.id: n.nominee_name for n in nominations}
    found: dict[str, Any] = {}
    cursor: Any = UNSET
    for _ in range(100):  # pages of 200: far more than the demo holds
        page = expect(
            list_public_awards.sync_detailed(
                client=anonymous,  # type: ignore[arg-type]
                round_id=open_round.id,
                limit=200,
                cursor=cursor,
            ),
            200,
            "list public awards",
        )
        for award in page.items:
            if award.nomination_id in wanted:
                found[award.nomination_id] = award
        if not isinstance(page.next_cursor, str) or len(found) == len(wanted):
            break
        cursor = page.next_cursor
    for nomination_id, name in wanted.items():
        award = found.get(nomination_id)
        if award is None:
            fail(f"{name} ({nomination_id}) is not in /public/awards")
        if award.decision_number != number:
            fail(f"{name}: published with decision {award.decision_number!r}, expected {number!r}")
        print(f"  {award.nominee_name} — {award.award_form.value}, decision {award.decision_number}")
    print("walk_nomination: OK, from draft to /public/awards")


def check_status(nomination: Nomination, expected: NominationStatus) -> None:
    if nomination.status != expected:
        fail(f"{nomination.id}: status {nomination.status.value}, expected {expected.value}")
    print(f"  {nomination.id}: {nomination.status.value} (version {nomination.version})")


if __name__ == "__main__":
    main()
