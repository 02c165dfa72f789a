//! The demo's papers agree with its records, as a board member reading the pack beside the
//! minutes and the action log would check: the draft minutes of the November meeting
//! (paper A) say what was recorded for it, the action log paper (paper B) lists the
//! actions the action log holds under the same minute references, the finance paper's
//! figures are the ones minuted in December, and no paper prints its title twice.

use std::collections::BTreeSet;

use boardpack::actions::LogFilter;
use chrono::NaiveDate;

/// Every sum of money ("£4.6m", "£48,210") in a text.
fn money(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in text.match_indices('£') {
        let figure: String = text[at..]
            .chars()
            .skip(1)
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',' || *c == 'm')
            .collect();
        out.insert(format!("£{}", figure.trim_end_matches(['.', ','])));
    }
    out
}

/// Whether the words of `needle` appear in `text` in order, each within a few words of the
/// one before: text extraction may put a table's next cell (a lead's initials) between the
/// lines of a wrapped cell.
fn says(text: &str, needle: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let want: Vec<&str> = needle.split_whitespace().collect();
    (0..words.len()).any(|start| {
        let mut at = start;
        for (k, w) in want.iter().enumerate() {
            let window = if k == 0 { 1 } else { 4 };
            match words[at..words.len().min(at + window)]
                .iter()
                .position(|x| x == w)
            {
                Some(p) => at += p + 1,
                None => return false,
            }
        }
        true
    })
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Demo {
    _dir: tempfile::TempDir,
    app: boardpack::Boardpack,
    /// Each paper's pages' text (its own pages, without the cover sheet), by letter.
    papers: Vec<(String, String, Vec<String>)>,
}

fn demo() -> Demo {
    let (dir, app) = super::demo();
    let december = app.meetings().unwrap()[0].meeting.id;
    let out = dir.path().join("pack.pdf");
    app.export_pack(december, false, &out, boardpack::today(), &mut |_| {})
        .unwrap();
    // In reading order (not laid out), so a table cell's lines stay together.
    let pages: Vec<String> = super::pdf_text(&out, false)
        .split('\u{c}')
        .map(str::to_owned)
        .collect();
    let plan = app.pack_plan(december, false).unwrap();
    let papers = plan
        .papers
        .iter()
        .map(|p| {
            // first_page is where its cover sheet starts (1-based); its document follows.
            let first = p.first_page - 1 + p.cover_pages;
            let own: Vec<String> = pages[first..first + p.document_pages].to_vec();
            let title = app.paper(p.paper_id).unwrap().title;
            (p.letter.clone(), title, own)
        })
        .collect();
    Demo {
        _dir: dir,
        app,
        papers,
    }
}

impl Demo {
    fn paper(&self, title_starts: &str) -> String {
        let (_, _, pages) = self
            .papers
            .iter()
            .find(|(_, t, _)| t.starts_with(title_starts))
            .unwrap_or_else(|| panic!("no paper {title_starts:?}"));
        flat(&pages.join("\n"))
    }

    fn meeting(&self, date: (i32, u32, u32)) -> boardpack_core::MeetingId {
        let date = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
        self.app
            .meetings()
            .unwrap()
            .into_iter()
            .find(|m| m.meeting.date == date)
            .unwrap()
            .meeting
            .id
    }
}

#[test]
fn the_draft_minutes_paper_says_what_was_recorded_for_the_november_meeting() {
    let d = demo();
    let paper = d.paper("Minutes of the Trust Board meeting held on 5 November");
    let room = d.app.room(d.meeting((2026, 11, 5))).unwrap();
    let mut recorded = BTreeSet::new();
    for row in &room.rows {
        // Every item under its minute reference and title.
        let heading = flat(&format!("{} {}", row.reference, row.item.title));
        assert!(
            paper.contains(&heading),
            "{heading:?} not in paper A:\n{paper}"
        );
        for action in &row.minute.actions {
            assert!(says(&paper, &action.text), "{}:\n{paper}", action.text);
        }
        recorded.extend(money(&row.minute.discussion));
    }
    // Its figures are the recorded ones, but for the slip the Board corrected on approval.
    let corrected: BTreeSet<String> = d
        .app
        .room(d.meeting((2026, 12, 3)))
        .unwrap()
        .rows
        .iter()
        .flat_map(|r| money(&r.minute.amendments))
        .collect();
    assert!(corrected.contains("£42.1m"), "{corrected:?}");
    for figure in money(&paper) {
        assert!(
            recorded.contains(&figure) || corrected.contains(&figure),
            "paper A says {figure}, which the November minutes do not"
        );
    }
    assert!(!recorded.is_empty());
}

#[test]
fn the_action_log_paper_lists_the_action_log_under_the_same_references() {
    let d = demo();
    let paper = d.paper("Trust Board action log");
    let board = d.app.meetings().unwrap()[0].meeting.committee_id;
    let log = d
        .app
        .action_log(
            board,
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            LogFilter::All,
        )
        .unwrap();
    let november = d.meeting((2026, 11, 5));
    let mut references = BTreeSet::new();
    for entry in log.entries.iter().filter(|e| e.meeting_id == november) {
        let line = flat(&format!("{} {}", entry.reference, entry.action.text));
        assert!(says(&paper, &line), "{line:?} not in paper B:\n{paper}");
        references.insert(entry.reference.clone());
    }
    assert!(!references.is_empty());
    // No reference in the paper that the log does not hold.
    for word in paper.split(' ').collect::<Vec<_>>().windows(2) {
        if word[0] == "TB" && word[1].contains('/') {
            let r = format!("TB {}", word[1]);
            assert!(references.contains(&r), "paper B cites {r}, not in the log");
        }
    }
}

#[test]
fn the_finance_papers_figures_are_the_ones_minuted() {
    let d = demo();
    let paper = d.paper("Finance and use of resources report");
    let room = d.app.room(d.meeting((2026, 12, 3))).unwrap();
    let minute = room
        .rows
        .iter()
        .find(|r| r.item.title.starts_with("Finance and use of resources"))
        .unwrap();
    let minuted = money(&minute.minute.discussion);
    assert!(!minuted.is_empty());
    for figure in minuted {
        assert!(
            paper.contains(&figure),
            "the minutes say {figure}; paper E does not"
        );
    }
}

#[test]
fn no_paper_prints_its_title_twice() {
    let d = demo();
    for (letter, title, pages) in &d.papers {
        let first = flat(&pages[0]);
        // The paper's own running footer names it ("… · Page 1 of 4"); its body may name it
        // once.
        let body = first
            .rsplit_once(&format!("{} Page 1 of", flat(title)))
            .map(|(b, _)| b.to_owned())
            .unwrap_or(first.clone());
        let times = body.matches(&flat(title)).count();
        assert!(
            times <= 1,
            "paper {letter} prints {title:?} {times} times:\n{first}"
        );
    }
}
