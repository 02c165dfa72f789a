//! Bar charts ([`Block::Chart`]): laid out inside the column, one Figure of the structure
//! tree with the caller's sentence as its alternative text and every mark of the chart as
//! its content, long labels shortened rather than run into the bars, and values of any size
//! (none, zero, enormous, not a number) drawn without a panic.

use boardpack_pdf::{
    layout, write, Bar, BarChart, Block, Flow, Item, Laid, PdfOptions, Role, Span,
};
use chrono::NaiveDate;

fn chart(bars: Vec<Bar>) -> BarChart {
    let mut c = BarChart::new(
        "Bar chart of attendance: Jane Smith 9 of 10 meetings, Raj Patel 10 of 10 meetings.",
        bars,
    );
    c.unit = "meetings".into();
    c
}

fn bar(label: &str, value: f64, of: Option<f64>) -> Bar {
    Bar {
        label: label.into(),
        value,
        of,
        value_label: format!("{value}"),
    }
}

fn lay(blocks: Vec<Block>) -> (Flow, Laid) {
    let flow = Flow::new(blocks);
    let laid = layout(&flow);
    (flow, laid)
}

/// The horizontal extent of an item.
fn extent(item: &Item) -> Option<(f32, f32)> {
    match item {
        Item::Text(run) => Some((run.x, run.x + run.width())),
        Item::Line { x1, x2, .. } => Some((x1.min(*x2), x1.max(*x2))),
        Item::Rect { x, w, .. } | Item::Image { x, w, .. } => Some((*x, x + w)),
        Item::Begin(_) | Item::End => None,
    }
}

fn assert_in_column(flow: &Flow, laid: &Laid) {
    let left = flow.page.margin_left - 0.01;
    let right = flow.page.width - flow.page.margin_right + 0.01;
    for (n, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if let Some((a, b)) = extent(item) {
                assert!(
                    a >= left && b <= right && a.is_finite() && b.is_finite(),
                    "page {n}: {item:?} runs outside {left}–{right}"
                );
            }
        }
    }
}

/// The element each drawing item belongs to (the innermost open `Begin`), page by page.
fn owners(laid: &Laid) -> Vec<(Option<usize>, Item)> {
    let mut out = Vec::new();
    for page in &laid.pages {
        let mut stack: Vec<usize> = Vec::new();
        for item in &page.items {
            match item {
                Item::Begin(e) => stack.push(*e),
                Item::End => {
                    stack.pop().expect("End without Begin");
                }
                other => out.push((stack.last().copied(), other.clone())),
            }
        }
        assert!(
            stack.is_empty(),
            "a Begin is left open at the end of a page"
        );
    }
    out
}

#[test]
fn a_chart_is_one_figure_with_its_sentence_and_all_its_marks() {
    let (flow, laid) = lay(vec![
        Block::heading(0, "Attendance"),
        Block::Chart(chart(vec![
            bar("Jane Smith", 9.0, Some(10.0)),
            bar("Raj Patel", 10.0, Some(10.0)),
        ])),
        Block::para("After the chart."),
    ]);
    assert_in_column(&flow, &laid);
    let figures: Vec<usize> = laid
        .structure
        .iter()
        .enumerate()
        .filter(|(_, e)| e.role() == Role::Figure)
        .map(|(k, _)| k)
        .collect();
    assert_eq!(figures.len(), 1, "{:?}", laid.structure);
    let fig = figures[0];
    assert_eq!(
        laid.structure[fig].alt.as_deref(),
        Some("Bar chart of attendance: Jane Smith 9 of 10 meetings, Raj Patel 10 of 10 meetings.")
    );
    assert_eq!(laid.structure[fig].parent, Some(0));
    let owned = owners(&laid);
    // Bars, tracks, axis lines and labels: all the figure's.
    let of_figure: Vec<&Item> = owned
        .iter()
        .filter(|(e, _)| *e == Some(fig))
        .map(|(_, i)| i)
        .collect();
    let rects = of_figure
        .iter()
        .filter(|i| matches!(i, Item::Rect { .. }))
        .count();
    let lines = of_figure
        .iter()
        .filter(|i| matches!(i, Item::Line { .. }))
        .count();
    let texts: Vec<String> = of_figure
        .iter()
        .filter_map(|i| match i {
            Item::Text(r) => Some(r.text.clone()),
            _ => None,
        })
        .collect();
    // Two tracks and two bars; an axis segment per row, the scale and its ticks.
    assert_eq!(rects, 4);
    assert!(lines >= 4, "{lines}");
    for word in ["Jane Smith", "Raj Patel", "9", "10", "meetings"] {
        assert!(texts.iter().any(|t| t == word), "{word} not in {texts:?}");
    }
    // Nothing drawn is left outside an element, and nothing of the chart elsewhere.
    for (e, item) in &owned {
        assert!(e.is_some(), "untagged {item:?}");
        if let Item::Rect { .. } | Item::Line { .. } = item {
            assert_eq!(*e, Some(fig), "{item:?}");
        }
    }
    // The writer accepts it and makes one Figure with its Alt.
    let opts = PdfOptions {
        title: "Chart".into(),
        author: "Trust Secretary".into(),
        subject: "Chart".into(),
        created: NaiveDate::from_ymd_opt(2026, 12, 3)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("date"),
        lang: "en-GB".into(),
        document_id: *b"boardpack-chart1",
    };
    let bytes = write(&laid, &[], &opts).expect("write");
    let doc = lopdf::Document::load_mem(&bytes).expect("parse");
    let figures: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(|s| s.as_name()).ok() == Some(&b"Figure"[..]))
        .filter_map(|d| d.get(b"Alt").ok())
        .filter_map(|a| {
            a.as_str()
                .ok()
                .map(|b| String::from_utf8_lossy(b).into_owned())
        })
        .collect();
    assert_eq!(figures.len(), 1, "{figures:?}");
    assert!(figures[0].contains("Jane Smith 9 of 10"), "{figures:?}");
    let page = doc.get_pages().into_values().next().expect("page");
    let content = String::from_utf8_lossy(&doc.get_page_content(page)).into_owned();
    // The bars are drawn inside the figure's marked content, not as artifacts.
    let at = content
        .find("/Figure <</MCID")
        .expect("figure content marked");
    let end = content[at..].find("EMC").expect("closed") + at;
    assert!(
        content[at..end].contains(" re"),
        "no bar inside the figure's content"
    );
}

#[test]
fn a_long_label_is_shortened_not_run_into_the_bars() {
    let long = "The Director of Strategy, Transformation and Partnerships (interim, job share with the Deputy Chief Executive)";
    let (flow, laid) = lay(vec![Block::Chart(chart(vec![
        bar(long, 3.0, Some(4.0)),
        bar("Short", 4.0, Some(4.0)),
    ]))]);
    assert_in_column(&flow, &laid);
    let page = &laid.pages[0];
    let axis = page
        .items
        .iter()
        .find_map(|i| match i {
            Item::Rect { x, .. } => Some(*x),
            _ => None,
        })
        .expect("a bar");
    let label: Vec<&boardpack_pdf::TextRun> = page
        .items
        .iter()
        .filter_map(|i| match i {
            // The first row's label (not the scale's numbers under the bars).
            Item::Text(r) if r.x < axis && r.y < 40.0 + flow.page.margin_top => Some(r),
            _ => None,
        })
        .collect();
    let first = label.first().expect("label");
    assert!(first.text.starts_with("The Director"), "{}", first.text);
    assert!(
        label.iter().any(|r| r.text.ends_with('…')),
        "not shortened: {label:?}"
    );
    for r in &label {
        assert!(r.x + r.width() < axis, "{} runs into the bars", r.text);
    }
    // The label column takes at most 40% of the column.
    assert!(axis - flow.page.margin_left <= 0.4 * flow.page.content_width() + 20.0);
}

#[test]
fn a_label_that_needs_two_lines_wraps_within_its_column() {
    let two = "Safe, high quality, patient centred healthcare for everyone we serve";
    let (flow, laid) = lay(vec![Block::Chart(chart(vec![
        bar(two, 3.0, None),
        bar("Short", 4.0, None),
        bar(&"Long words ".repeat(5), 1.0, None),
    ]))]);
    assert_in_column(&flow, &laid);
    let page = &laid.pages[0];
    let axis = page
        .items
        .iter()
        .find_map(|i| match i {
            Item::Line { x1, x2, .. } if x1 == x2 => Some(*x1),
            _ => None,
        })
        .expect("the axis");
    let label: Vec<&boardpack_pdf::TextRun> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(r) if r.x < axis && r.y < 31.0 + flow.page.margin_top => Some(r),
            _ => None,
        })
        .collect();
    let said: String = label
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    // 40% of the column holds it on two lines: nothing is cut.
    let baselines: std::collections::BTreeSet<i64> =
        label.iter().map(|r| (r.y * 10.0) as i64).collect();
    assert_eq!(baselines.len(), 2, "{said}");
    assert!(!said.contains('…'), "{said}");
    assert!(said.contains("Safe,") && said.contains("serve"), "{said}");
    for r in &label {
        assert!(r.x + r.width() < axis, "{} runs into the bars", r.text);
    }
}

#[test]
fn zero_huge_and_strange_values_do_not_panic() {
    let cases: Vec<Vec<Bar>> = vec![
        Vec::new(),
        vec![bar("Nobody came", 0.0, Some(0.0))],
        vec![bar("Zero", 0.0, None), bar("One", 1.0, None)],
        vec![bar("Huge", 1e15, Some(1e16)), bar("Tiny", 1.0, None)],
        vec![bar("Max", f64::MAX, None), bar("Inf", f64::INFINITY, None)],
        vec![
            bar("NaN", f64::NAN, Some(f64::NAN)),
            bar("Negative", -5.0, Some(-1.0)),
        ],
        (0..120)
            .map(|k| bar(&format!("Member {k}"), k as f64, Some(120.0)))
            .collect(),
    ];
    for bars in cases {
        let n = bars.len();
        let (flow, laid) = lay(vec![Block::Chart(chart(bars))]);
        assert_in_column(&flow, &laid);
        assert!(!laid.pages.is_empty());
        let figures = laid
            .structure
            .iter()
            .filter(|e| e.role() == Role::Figure)
            .count();
        assert_eq!(figures, 1, "{n} bars");
        for page in &laid.pages {
            for item in &page.items {
                if let Item::Rect { w, h, y, .. } = item {
                    assert!(w.is_finite() && *w >= 0.0 && h.is_finite() && y.is_finite());
                    assert!(*y + *h <= flow.page.height, "{item:?}");
                }
            }
        }
        // A long chart runs on over pages, each page's part of it tagged as the figure.
        if n == 120 {
            assert!(laid.pages.len() >= 2);
            let owned = owners(&laid);
            assert!(owned.iter().all(|(e, _)| e.is_some()));
        }
    }
}

#[test]
fn a_chart_among_other_blocks_keeps_reading_order() {
    let (_, laid) = lay(vec![
        Block::spans(vec![Span::plain("Before.")]),
        Block::Chart(chart(vec![bar("A", 1.0, None)])),
        Block::spans(vec![Span::plain("After.")]),
    ]);
    let roles: Vec<Role> = laid.structure.iter().map(|e| e.role()).collect();
    assert_eq!(roles, [Role::Document, Role::P, Role::Figure, Role::P]);
    // An empty sentence still says what it is.
    let mut c = chart(vec![bar("A", 1.0, None)]);
    c.alt = "  ".into();
    let (_, laid) = lay(vec![Block::Chart(c)]);
    assert_eq!(laid.structure[1].alt.as_deref(), Some("Bar chart"));
}
