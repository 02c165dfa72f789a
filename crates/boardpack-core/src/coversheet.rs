//! The cover sheet as a page: the blocks that lay out a paper's cover sheet the way the
//! seeds' cover sheets read (title, authors, sponsor, paper letter, then the executive
//! summary: context, questions, conclusion, input sought). The executive summary's length
//! in pages is what the cover sheet's page limit ("Executive Summaries should not exceed 1
//! page") is checked against, so it is measured with the same layout that prints it.

use crate::paper::Paper;
use boardpack_pdf::layout::{page_count, Block, Flow, LinkTarget, Span, MM};

/// Who the paper goes to and under which letter, for the cover sheet's heading.
#[derive(Debug, Clone, Copy)]
pub struct CoverHeading<'a> {
    /// "Trust Board".
    pub committee: &'a str,
    /// "E".
    pub letter: &'a str,
    /// "3 December 2026".
    pub date: &'a str,
    /// The generated page of the agenda, linked from the heading ("← Back to agenda").
    pub agenda_page: Option<usize>,
}

/// The title block and executive summary of a cover sheet.
pub fn summary_blocks(paper: &Paper, heading: &CoverHeading<'_>) -> Vec<Block> {
    let c = &paper.cover;
    let mut out = vec![
        Block::heading(0, paper.title.clone()),
        Block::markup(&format!("**Author(s):** {}", paper.authors)),
        Block::markup(&format!("**Sponsor:** {}", paper.sponsor)),
        Block::spans({
            let mut line = vec![
                Span::bold(format!("{} paper {}", heading.committee, heading.letter)),
                Span::plain(format!(" · {}", heading.date)),
            ];
            if let Some(page) = heading.agenda_page {
                line.push(Span::plain(" · "));
                line.push(Span::plain("← Back to agenda").link(LinkTarget::Page(page)));
            }
            line
        }),
        Block::Rule,
        Block::heading(1, "Executive Summary"),
        Block::heading(2, "Context"),
    ];
    out.extend(paragraphs(&c.context));
    out.push(Block::heading(2, "Questions"));
    let questions: Vec<&str> = c
        .questions
        .iter()
        .map(|q| q.trim())
        .filter(|q| !q.is_empty())
        .collect();
    if !questions.is_empty() {
        out.push(Block::numbered(&questions));
    }
    out.push(Block::heading(2, "Conclusion"));
    out.extend(paragraphs(&c.conclusion));
    out.push(Block::heading(2, "Input Sought"));
    out.extend(paragraphs(&c.input_sought));
    out
}

/// Text as paragraphs: blank lines separate them.
fn paragraphs(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Block::para(p.replace('\n', " ")))
        .collect()
}

/// A cover sheet's page: A4 in a compact setting of the house style (10 pt text, tighter
/// headings, tables and gaps), so that a typical sheet, like the seeds', fits on one page
/// and spills only when its summary is long. The page-limit check measures with it too.
pub fn cover_flow(blocks: Vec<Block>) -> Flow {
    let mut flow = Flow::new(blocks);
    // 17 mm at the head (clear of a marking's band) and 21 mm at the foot (clear of the
    // footer's).
    flow.page.margin_top = 17.0 * MM;
    flow.page.margin_bottom = 21.0 * MM;
    flow.page.margin_left = 18.0 * MM;
    flow.page.margin_right = 18.0 * MM;
    let style = &mut flow.style;
    style.body_size = 10.0;
    style.leading = 1.2;
    style.heading_sizes = [16.0, 12.5, 10.5, 10.0];
    style.heading_gap = 0.6;
    style.paragraph_gap = 4.0;
    style.table_size = 9.0;
    style.cell_padding = 2.0;
    flow
}

/// [`cover_flow`] set tighter still (9.5 pt text, closer lines and headings), for a sheet
/// that runs a few lines onto a second page in the usual setting.
pub fn tight_cover_flow(blocks: Vec<Block>) -> Flow {
    let mut flow = cover_flow(blocks);
    flow.page.margin_bottom = 19.0 * MM;
    let style = &mut flow.style;
    style.body_size = 9.5;
    style.leading = 1.15;
    style.heading_sizes = [15.0, 12.0, 10.0, 9.5];
    style.heading_gap = 0.45;
    style.paragraph_gap = 3.0;
    style.table_size = 8.5;
    style.cell_padding = 1.5;
    flow
}

/// Pages the executive summary (with the title block above it) takes when printed.
pub fn summary_pages(paper: &Paper) -> u32 {
    let heading = CoverHeading {
        committee: "Trust Board",
        letter: "A1",
        date: "30 September 2026",
        agenda_page: Some(1),
    };
    page_count(&cover_flow(summary_blocks(paper, &heading))) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{AgendaItemId, PaperId};
    use crate::paper::CoverSheet;
    use uuid::Uuid;

    fn paper(context: &str) -> Paper {
        Paper {
            id: PaperId(Uuid::nil()),
            item_id: AgendaItemId(Uuid::nil()),
            position: 0,
            letter_override: None,
            title: "Chief Executive's monthly update report".into(),
            authors: "John Adler and Stephen Ward".into(),
            sponsor: "John Adler".into(),
            document: None,
            appendices: vec![],
            history: vec![],
            cover: CoverSheet {
                context: context.into(),
                questions: vec!["Does the Trust Board have any questions?".into()],
                conclusion: "The Trust Board is asked to consider and comment.".into(),
                input_sought: "We would welcome the Board's input.".into(),
                ..CoverSheet::default()
            },
            received_on: None,
        }
    }

    #[test]
    fn a_short_summary_fits_one_page_and_a_long_one_does_not() {
        assert_eq!(summary_pages(&paper("The monthly report is attached.")), 1);
        let long = "The Chief Executive's monthly update report covers quality, performance, finance, workforce and strategy in detail. ".repeat(60);
        assert!(summary_pages(&paper(&long)) >= 2);
    }
}
