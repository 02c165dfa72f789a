//! Tables sized to what they hold, for documents that are mostly one wide table (the
//! register of interests, the action log). A column whose entries must stay on one line
//! (a date, a minute reference, a status) is as wide as its widest entry; the columns of
//! running text share what is left. The page turns landscape when portrait A4 would leave
//! the running text less room than it needs. Widths are measured by laying the entries out
//! with the engine that prints them, so what fits here fits on the page.

use boardpack_pdf::layout::{layout, Block, Cell, Flow, Item, PageSetup, Style, Table, MM};

/// How a column takes its width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fit {
    /// As wide as its widest entry on one line (each header word must fit too), but no
    /// wider than `max_mm` millimetres; past that it wraps.
    Content { max_mm: f32 },
    /// At least `min_mm` millimetres, and a share of the room left, by `weight`.
    Share { min_mm: f32, weight: f32 },
}

/// A document that is mostly a table: its page (portrait or landscape A4) and its blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub page: PageSetup,
    pub blocks: Vec<Block>,
}

/// A4 turned on its side, with A4's margins.
pub fn a4_landscape() -> PageSetup {
    let a4 = PageSetup::a4();
    PageSetup {
        width: a4.height,
        height: a4.width,
        ..a4
    }
}

/// Whether a page is landscape.
pub fn is_landscape(page: &PageSetup) -> bool {
    page.width > page.height
}

/// The width, in points, the widest of `cells` needs to print every line unbroken at the
/// table type size, padding included; each word of `header` counts as an entry too.
fn content_width(cells: &[&Cell], header: &Cell, style: &Style) -> f32 {
    let mut rows: Vec<Vec<Cell>> = cells.iter().map(|c| vec![(*c).clone()]).collect();
    for block in &header.blocks {
        if let Block::Paragraph(p) = block {
            for span in &p.spans {
                rows.extend(
                    span.text
                        .split_whitespace()
                        .map(|w| vec![Cell::bold(w.to_owned())]),
                );
            }
        }
    }
    let page = PageSetup {
        width: 20_000.0,
        height: 20_000.0,
        margin_top: 10.0,
        margin_right: 10.0,
        margin_bottom: 10.0,
        margin_left: 10.0,
    };
    let mut table = Table::new(vec![1.0], Vec::new(), rows);
    table.borders = false;
    let flow = Flow {
        page,
        style: style.clone(),
        blocks: vec![Block::Table(table)],
    };
    let laid = layout(&flow);
    // One line is the runs sharing a baseline on a page.
    let mut lines: Vec<(usize, f32, f32, f32)> = Vec::new();
    for (n, p) in laid.pages.iter().enumerate() {
        for item in &p.items {
            if let Item::Text(run) = item {
                let (left, right) = (run.x, run.x + run.width());
                match lines
                    .iter_mut()
                    .find(|(page, y, _, _)| *page == n && (*y - run.y).abs() < 0.01)
                {
                    Some(line) => {
                        line.2 = line.2.min(left);
                        line.3 = line.3.max(right);
                    }
                    None => lines.push((n, run.y, left, right)),
                }
            }
        }
    }
    let widest = lines.iter().map(|l| l.3 - l.2).fold(0.0, f32::max);
    // Both paddings, the border, and a point for rounding.
    widest + 2.0 * style.cell_padding + 1.5
}

/// The page and the column widths (fractions of the column width, as [`Table::columns`]
/// takes them) for a table with `fits`, `header` and `rows`: portrait A4 when every
/// [`Fit::Content`] column gets its width and every [`Fit::Share`] column its minimum,
/// otherwise landscape. When even landscape is too narrow, everything shrinks in
/// proportion and the widest entries wrap.
pub fn fit(
    fits: &[Fit],
    header: &[Cell],
    rows: &[Vec<Cell>],
    style: &Style,
) -> (PageSetup, Vec<f32>) {
    let empty = Cell::default();
    let wanted: Vec<Option<f32>> = fits
        .iter()
        .enumerate()
        .map(|(k, f)| match f {
            Fit::Content { max_mm } => {
                let cells: Vec<&Cell> = rows.iter().filter_map(|r| r.get(k)).collect();
                let w = content_width(&cells, header.get(k).unwrap_or(&empty), style);
                Some(w.min(max_mm * MM))
            }
            Fit::Share { .. } => None,
        })
        .collect();
    let fixed: f32 = wanted.iter().flatten().sum();
    let shared_min: f32 = fits
        .iter()
        .map(|f| match f {
            Fit::Share { min_mm, .. } => min_mm * MM,
            Fit::Content { .. } => 0.0,
        })
        .sum();
    let portrait = PageSetup::a4();
    let page = if fixed + shared_min <= portrait.content_width() {
        portrait
    } else {
        a4_landscape()
    };
    let room = page.content_width();
    let mut widths: Vec<f32> = wanted.iter().map(|w| w.unwrap_or(0.0)).collect();
    let left = room - fixed;
    if left >= shared_min {
        // Share out the room by weight; a column whose share falls below its minimum takes
        // its minimum, and the others share the rest again.
        let mut settled = vec![false; fits.len()];
        loop {
            let (mut free, mut weights) = (left, 0.0);
            for (k, f) in fits.iter().enumerate() {
                if let Fit::Share { min_mm, weight } = f {
                    if settled[k] {
                        free -= min_mm * MM;
                    } else {
                        weights += weight.max(0.01);
                    }
                }
            }
            let mut again = false;
            for (k, f) in fits.iter().enumerate() {
                if let Fit::Share { min_mm, weight } = f {
                    if settled[k] {
                        widths[k] = min_mm * MM;
                        continue;
                    }
                    let share = free * weight.max(0.01) / weights;
                    if share < min_mm * MM {
                        settled[k] = true;
                        again = true;
                    }
                    widths[k] = share;
                }
            }
            if !again {
                break;
            }
        }
    } else {
        for (k, f) in fits.iter().enumerate() {
            if let Fit::Share { min_mm, .. } = f {
                widths[k] = min_mm * MM;
            }
        }
    }
    let total: f32 = widths.iter().sum::<f32>().max(1.0);
    (page, widths.iter().map(|w| w / total).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| Cell::text(*c)).collect()
    }

    fn header(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| Cell::bold(*c)).collect()
    }

    #[test]
    fn dates_keep_to_one_line_and_text_shares_the_rest() {
        let style = Style::default();
        let fits = [
            Fit::Content { max_mm: 60.0 },
            Fit::Share {
                min_mm: 50.0,
                weight: 1.0,
            },
        ];
        let rows = [
            row(&["3 Dec 2026", "Circulate the governance arrangements"]),
            row(&["30 Sep 2026", "Report back"]),
        ];
        let (page, cols) = fit(&fits, &header(&["Due", "Action"]), &rows, &style);
        assert!(!is_landscape(&page));
        let date = cols[0] * page.content_width();
        // "30 Sep 2026" at 10 pt is about 55 points; with padding it needs more, and no
        // more than a few points of slack.
        assert!(date > 55.0 && date < 75.0, "{date}");
        assert!((cols[0] + cols[1] - 1.0).abs() < 1e-4);
        // Laid out at those widths, every date is on one line.
        let flow = Flow {
            page,
            style: style.clone(),
            blocks: vec![Block::Table(Table::new(
                cols,
                vec![header(&["Due", "Action"])],
                rows.to_vec(),
            ))],
        };
        let text = layout(&flow).pages[0].text();
        assert!(text.lines().any(|l| l == "30 Sep 2026"), "{text}");
        assert!(text.lines().any(|l| l == "3 Dec 2026"), "{text}");
    }

    #[test]
    fn landscape_only_when_portrait_leaves_too_little_room() {
        let style = Style::default();
        let rows = [row(&["TB 26/015", "3 Dec 2026", "x", "y", "z"])];
        let head = header(&["Minute", "Due", "Action", "Update", "Note"]);
        let narrow = [
            Fit::Content { max_mm: 40.0 },
            Fit::Content { max_mm: 40.0 },
            Fit::Share {
                min_mm: 40.0,
                weight: 2.0,
            },
            Fit::Share {
                min_mm: 30.0,
                weight: 1.0,
            },
            Fit::Share {
                min_mm: 30.0,
                weight: 1.0,
            },
        ];
        let (page, cols) = fit(&narrow, &head, &rows, &style);
        assert!(
            !is_landscape(&page),
            "100 mm of text and two short columns fit"
        );
        // Weights share the room left: the action column is twice the others.
        assert!((cols[2] / cols[3] - 2.0).abs() < 1e-3, "{cols:?}");
        let mut wide = narrow;
        wide[4] = Fit::Share {
            min_mm: 80.0,
            weight: 1.0,
        };
        let (page, cols) = fit(&wide, &head, &rows, &style);
        assert!(is_landscape(&page));
        assert_eq!(page.width, PageSetup::a4().height);
        let note = cols[4] * page.content_width();
        assert!(note >= 80.0 * MM - 0.01, "the minimum is kept: {note}");
    }

    #[test]
    fn a_column_below_its_minimum_takes_the_minimum_and_others_share_the_rest() {
        let style = Style::default();
        let fits = [
            Fit::Share {
                min_mm: 100.0,
                weight: 0.1,
            },
            Fit::Share {
                min_mm: 20.0,
                weight: 1.0,
            },
        ];
        let (page, cols) = fit(&fits, &header(&["A", "B"]), &[], &style);
        let a = cols[0] * page.content_width();
        assert!((a - 100.0 * MM).abs() < 0.01, "{a}");
    }

    #[test]
    fn a_long_entry_is_capped_and_wraps() {
        let style = Style::default();
        let long = "Colonel (Retd) Sir Ian Alexander Montgomery-Crowe";
        let fits = [
            Fit::Content { max_mm: 30.0 },
            Fit::Share {
                min_mm: 20.0,
                weight: 1.0,
            },
        ];
        let (page, cols) = fit(
            &fits,
            &header(&["Name", "Role"]),
            &[row(&[long, "NED"])],
            &style,
        );
        let w = cols[0] * page.content_width();
        assert!((w - 30.0 * MM).abs() < 0.01, "{w}");
    }
}
