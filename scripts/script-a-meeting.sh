#!/usr/bin/env bash
# A whole board meeting made with the `boardpack` command alone, from an empty database to
# the issued pack: the committee and its members, the meeting, its agenda (edited, reordered,
# a standing item removed, a sub-item, a private item), papers with their PDFs and an
# appendix, every cover sheet filled in from JSON, the readiness check, and the private and
# public packs. It is both an example to copy and a test: crates/boardpack-cli/tests/cli.rs
# runs it on every CI run.
#
# Usage: scripts/script-a-meeting.sh DATABASE OUT-FOLDER REPORT.pdf FINANCE.pdf APPENDIX.pdf ESTATES.pdf
#   DATABASE    a new database file (it must not exist yet)
#   OUT-FOLDER  where the packs are written (created if needed)
#   *.pdf       the papers: the chief executive's report, the finance report, an appendix
#               to it, and the estates paper taken in private
# The command is `boardpack` on the PATH, or the one BOARDPACK names.
set -euo pipefail

if [ $# -ne 6 ]; then
  echo "Usage: $0 DATABASE OUT-FOLDER REPORT.pdf FINANCE.pdf APPENDIX.pdf ESTATES.pdf" >&2
  exit 2
fi
db=$1 out=$2 report=$3 finance=$4 appendix=$5 estates=$6
if [ -e "$db" ]; then
  echo "$db exists already: give the name of a new database file." >&2
  exit 2
fi
mkdir -p "$out"

bp() { "${BOARDPACK:-boardpack}" --db "$db" "$@"; }

# The board and who sits on it.
bp committee add --name "Trust Board" --code TB --organisation "Riverside NHS Foundation Trust" >/dev/null
bp member add --committee TB --name "Dame Olivia Hart" --initials OH --role "Chair" --kind chair >/dev/null
bp member add --committee TB --name "Dr Samuel Okafor" --initials SO --role "Chief Executive" \
  --kind executive_director --phone "0161 496 0100" >/dev/null
bp member add --committee TB --name "Priya Nair" --initials PN --role "Director of Finance" \
  --kind executive_director --phone "0161 496 0101" >/dev/null
bp member add --committee TB --name "Margaret Ellis" --initials ME --role "Non-Executive Director" \
  --kind non_executive_director >/dev/null
bp member add --committee TB --name "Tom Reid" --initials TR --role "Company Secretary" --kind secretary >/dev/null

# The meeting starts with the committee's standing items.
meeting=$(bp meeting add --committee TB --date 2027-03-04 --start 09:30 --end 12:30 \
  --venue "Board Room, Riverside House")
standing() { bp agenda --meeting "$meeting" | awk -F'\t' -v t="$1" '$4 == t { print $3 }'; }

# The board's first meeting has no previous minutes to approve, and its action log is
# reported orally.
bp item remove "$(standing "Minutes of the previous meeting")"
bp item edit "$(standing "Action log and matters arising")" --no-paper --minutes 10 >/dev/null

# The business of the meeting.
ceo=$(bp item add --meeting "$meeting" --title "Chief Executive's report" --purpose assurance \
  --lead SO --minutes 20)
finance_item=$(bp item add --meeting "$meeting" --title "Finance report: month 10" --purpose assurance \
  --lead "Priya Nair" --minutes 20)
capital=$(bp item add --meeting "$meeting" --title "Capital programme" --purpose noting \
  --lead PN --minutes 10 --under "$finance_item" --no-paper)
estates_item=$(bp item add --meeting "$meeting" --title "Car park decking contract" --purpose decision \
  --lead "Kirsty Lamb" --minutes 15)
# Second thoughts: the finance report comes first, the decking contract is taken in private,
# and the capital programme is reported orally as its own item.
bp item move "$finance_item" --before "$ceo" >/dev/null
bp item edit "$estates_item" --private --reason "Commercial interests: the tender is still open" \
  --title "Award of contract: car park decking" >/dev/null
bp item move "$capital" --after "$ceo" >/dev/null
bp item edit "$capital" --minutes 5 >/dev/null

# Papers, with their documents.
ceo_paper=$(bp paper add --item "$ceo" --file "$report" --author "Dr Samuel Okafor" \
  --sponsor "Dr Samuel Okafor")
finance_paper=$(bp paper add --item "$finance_item" --file "$finance" --author "Priya Nair" \
  --sponsor "Priya Nair")
bp paper appendix --paper "$finance_paper" --file "$appendix" --title "Appendix 1 – Income and expenditure" >/dev/null
estates_paper=$(bp paper add --item "$estates_item" --file "$estates" --author "Kirsty Lamb" \
  --sponsor "Priya Nair")

# Every cover sheet in full, in the archive's shape (`bp paper cover --paper ID` prints one
# to start from). The trust has no strategic objectives or risk registers in this database.
bp paper cover --paper "$ceo_paper" --from - >/dev/null <<'JSON'
{
  "purposes": ["assurance"],
  "previous_consideration": [
    { "meeting": "Executive Management Board", "date": "February 2027", "purpose": "discussion" }
  ],
  "context": "The Chief Executive's monthly report: operational performance, the winter plan and the national planning guidance.",
  "questions": ["Is the board assured on urgent and emergency care performance?", "What support does the winter plan need?"],
  "conclusion": "Performance improved in January; the winter plan is on track.",
  "input_sought": "The board is asked to receive the report for assurance.",
  "objectives": {},
  "risk_register": { "answer": "no", "risks": [], "reason": "The report raises no new operational risk." },
  "baf": { "answer": "not_applicable", "risks": [], "reason": "" },
  "new_risk": "",
  "equality_impact": "Not required for this report.",
  "public_involvement": "The patient panel reviewed the winter communications.",
  "next_paper": { "kind": "meeting", "meeting": "April 2027 Trust Board" },
  "summary_page_limit": 1,
  "paper_page_limit": 20
}
JSON
bp paper cover --paper "$finance_paper" --from - >/dev/null <<'JSON'
{
  "purposes": ["assurance", "noting"],
  "previous_consideration": [
    { "meeting": "Finance and Investment Committee", "date": "2027-02-24", "purpose": "assurance" }
  ],
  "context": "The financial position at month 10 against the plan agreed with the integrated care board.",
  "questions": ["Will the trust meet its control total?"],
  "conclusion": "The trust forecasts a breakeven position; the cost improvement programme is 4% behind plan.",
  "input_sought": "The board is asked to note the position and the recovery actions.",
  "objectives": {},
  "risk_register": { "answer": "no", "risks": [], "reason": "The cost improvement risk is already on the register." },
  "baf": { "answer": "not_applicable", "risks": [], "reason": "" },
  "new_risk": "",
  "equality_impact": "Not required for this report.",
  "public_involvement": "Not applicable.",
  "next_paper": { "kind": "date", "date": "2027-04-01" },
  "summary_page_limit": 1,
  "paper_page_limit": 20
}
JSON
bp paper cover --paper "$estates_paper" --from - >/dev/null <<'JSON'
{
  "purposes": ["decision"],
  "previous_consideration": [],
  "context": "Tenders for the Riverside car park decking scheme closed in February.",
  "questions": ["Which tender offers the best value?"],
  "conclusion": "The evaluation panel recommends the lowest compliant tender.",
  "input_sought": "The board is asked to approve the award of the contract.",
  "objectives": {},
  "risk_register": { "answer": "not_applicable", "risks": [], "reason": "" },
  "baf": { "answer": "not_applicable", "risks": [], "reason": "" },
  "new_risk": "Construction traffic during the works.",
  "equality_impact": "Blue badge spaces are kept during the works.",
  "public_involvement": "Neighbours were consulted on the design.",
  "next_paper": { "kind": "none_planned_yet" },
  "summary_page_limit": 1,
  "paper_page_limit": 20
}
JSON

# Ready? `check` exits 1 (and set -e stops the script) when anything blocks the pack.
bp check --meeting "$meeting"
bp agenda --meeting "$meeting"
bp export pack --meeting "$meeting" --out "$out/pack.pdf"
bp export pack --meeting "$meeting" --public --out "$out/public-pack.pdf"
