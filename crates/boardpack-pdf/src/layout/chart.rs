//! Horizontal bar charts: one row per bar, its label at the left (taking at most 40% of the
//! column: wrapped to a second line when it needs one, shortened with an ellipsis when two
//! would not hold it), the bar, and its value in words at the right; a scale with a few
//! round ticks underneath. The whole chart is one Figure of the structure tree, described
//! by the sentence the caller gives, and every line, box and label of it is that figure's
//! content, so a screen reader reads the sentence instead of a scatter of labels. Each row
//! is its own unbreakable slice, so a long chart may run on to the next page; rows keep
//! together when the chart fits.

use super::*;

/// One bar of a [`BarChart`].
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the bar stands for ("Dame Helen Marsh").
    pub label: String,
    /// Its length on the chart's scale (negative, infinite or NaN: drawn as none).
    pub value: f64,
    /// A pale track drawn behind the bar up to this value: what the value is out of ("9 of
    /// 10 meetings" draws a track of 10), or none.
    pub of: Option<f64>,
    /// The value as the reader reads it, printed after the bar ("9/10", "2 h 30 min").
    pub value_label: String,
}

/// A horizontal bar chart ([`Block::Chart`]).
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// The chart said in a sentence, for those who cannot see it: its Figure's alternative
    /// text ("Bar chart of attendance: Jane Smith 9 of 10 meetings, …").
    pub alt: String,
    pub bars: Vec<Bar>,
    /// The word printed under the scale ("meetings", "minutes"); empty: none.
    pub unit: String,
    /// The colour of the bars; NHS Blue when `None`.
    pub colour: Option<Colour>,
}

impl BarChart {
    pub fn new(alt: impl Into<String>, bars: Vec<Bar>) -> BarChart {
        BarChart {
            alt: alt.into(),
            bars,
            unit: String::new(),
            colour: None,
        }
    }
}

/// A value the chart can draw: finite and not negative.
fn drawable(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

/// A round step for about four ticks up to `max` (1, 2, 5 × 10ⁿ).
fn tick_step(max: f64) -> f64 {
    let rough = (max / 4.0).max(f64::MIN_POSITIVE);
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    // Whole numbers count meetings and minutes: no step below one.
    step.max(1.0)
}

/// A tick's number as the scale prints it: whole numbers plainly, large ones grouped
/// ("12,000"), anything past a trillion in powers of ten.
fn tick_label(v: f64) -> String {
    if v >= 1e12 {
        return format!("{v:.0e}");
    }
    let whole = v.round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(super) fn chart_pieces(chart: &BarChart, width: f32, ctx: &Ctx, out: &mut Vec<Piece>) {
    let style = ctx.style;
    let size = style.table_size;
    let colour = chart.colour.unwrap_or(Colour::NHS_BLUE);
    let line_h = size * style.leading;
    let bar_h = size * 0.95;

    let e = ctx.add(Role::Figure);
    let alt = chart.alt.split_whitespace().collect::<Vec<_>>().join(" ");
    ctx.tagger.set(e, |f| {
        f.alt = Some(if alt.is_empty() {
            "Bar chart".to_string()
        } else {
            alt
        });
    });

    let scale_max = chart
        .bars
        .iter()
        .flat_map(|b| [drawable(b.value), b.of.map_or(0.0, drawable)])
        .fold(0.0, f64::max);
    let step = tick_step(scale_max.max(1.0));
    let rounded = (scale_max / step).ceil().max(1.0) * step;
    // Past the largest float a round top overflows: the largest value is the top then.
    let top = if rounded.is_finite() && rounded > 0.0 {
        rounded
    } else {
        scale_max.max(1.0)
    };

    // Columns: labels take what they need up to 40% of the width, values up to 25%.
    let gap = size * 0.6;
    let natural = |text: &str| {
        single_line(
            text,
            FontStyle::Regular,
            size,
            style.text_colour,
            crate::shape::Base::Auto,
        )
        .1
    };
    let label_w = chart
        .bars
        .iter()
        .map(|b| natural(&b.label))
        .fold(0.0, f32::max)
        .min(width * 0.4);
    let value_w = chart
        .bars
        .iter()
        .map(|b| natural(&b.value_label))
        .fold(0.0, f32::max)
        .min(width * 0.25);
    let axis_x = label_w + gap;
    let bar_room = (width - axis_x - gap - value_w).max(1.0);
    let x_of = |v: f64| {
        let share = v / top;
        let share = if share.is_finite() {
            share.clamp(0.0, 1.0)
        } else {
            0.0
        };
        axis_x + share as f32 * bar_room
    };

    let n = chart.bars.len();
    for bar in &chart.bars {
        // The label on one line, or two; longer, it is shortened to one.
        let wrapped = paragraph_units(
            &[Span::plain(bar.label.clone())],
            label_w.max(1.0),
            size,
            Align::Left,
            style,
            false,
        );
        let lines: Vec<Vec<Item>> = if wrapped.len() == 2 {
            wrapped.into_iter().map(|u| u.items).collect()
        } else {
            let (runs, _) = truncated_line(
                &bar.label,
                FontStyle::Regular,
                size,
                style.text_colour,
                label_w.max(1.0),
            );
            vec![runs.into_iter().map(Item::Text).collect()]
        };
        let row_h = lines.len() as f32 * line_h + size * 0.5;
        let pad = (row_h - lines.len() as f32 * line_h) / 2.0;
        let baseline = (row_h - line_h) / 2.0 + baseline_in(line_h, size);
        let bar_top = (row_h - bar_h) / 2.0;
        let mut items = vec![Item::Begin(e)];
        for (k, line) in lines.into_iter().enumerate() {
            for item in line {
                if let Item::Text(mut run) = item {
                    run.y = pad + k as f32 * line_h + baseline_in(line_h, size);
                    items.push(Item::Text(run));
                }
            }
        }
        if let Some(of) = bar.of.map(drawable).filter(|v| *v > 0.0) {
            items.push(Item::Rect {
                x: axis_x,
                y: bar_top,
                w: x_of(of) - axis_x,
                h: bar_h,
                fill: Some(style.header_fill),
                stroke: Some((style.border_colour, 0.5)),
            });
        }
        let value = drawable(bar.value);
        if value > 0.0 {
            items.push(Item::Rect {
                x: axis_x,
                y: bar_top,
                w: (x_of(value) - axis_x).max(0.75),
                h: bar_h,
                fill: Some(colour),
                stroke: None,
            });
        }
        let value_end = x_of(value.max(bar.of.map_or(0.0, drawable)));
        let (runs, _) = truncated_line(
            &bar.value_label,
            FontStyle::Regular,
            size,
            style.text_colour,
            value_w.max(1.0),
        );
        for mut run in runs {
            run.x += value_end + gap;
            run.y = baseline;
            items.push(Item::Text(run));
        }
        items.push(Item::Line {
            x1: axis_x,
            y1: 0.0,
            x2: axis_x,
            y2: row_h,
            width: 0.75,
            colour: style.text_colour,
        });
        items.push(Item::End);
        out.push(Piece::Unit(Unit {
            height: row_h,
            items,
            keep_with_next: true,
            ..Unit::default()
        }));
    }

    // The scale: a line under the bars, round ticks with their numbers, the unit.
    let tick = size * 0.35;
    let scale_h = tick
        + line_h
        + if chart.unit.trim().is_empty() || n == 0 {
            0.0
        } else {
            line_h
        };
    let mut items = vec![
        Item::Begin(e),
        Item::Line {
            x1: axis_x,
            y1: 0.0,
            x2: axis_x + bar_room,
            y2: 0.0,
            width: 0.75,
            colour: style.text_colour,
        },
    ];
    let ticks = (top / step).round().clamp(1.0, 10.0) as usize;
    for k in 0..=ticks {
        let v = step * k as f64;
        let x = x_of(v);
        items.push(Item::Line {
            x1: x,
            y1: 0.0,
            x2: x,
            y2: tick,
            width: 0.75,
            colour: style.text_colour,
        });
        let (runs, w) = single_line(
            &tick_label(v),
            FontStyle::Regular,
            size * 0.9,
            Colour::GREY,
            crate::shape::Base::Ltr,
        );
        let left = (x - w / 2.0).clamp(0.0, (width - w).max(0.0));
        for mut run in runs {
            run.x += left;
            run.y = tick + baseline_in(line_h, size * 0.9);
            items.push(Item::Text(run));
        }
    }
    if !chart.unit.trim().is_empty() && n > 0 {
        let (runs, w) = truncated_line(
            chart.unit.trim(),
            FontStyle::Italic,
            size * 0.9,
            Colour::GREY,
            bar_room,
        );
        let left = axis_x + (bar_room - w).max(0.0) / 2.0;
        for mut run in runs {
            run.x += left;
            run.y = tick + line_h + baseline_in(line_h, size * 0.9);
            items.push(Item::Text(run));
        }
    }
    items.push(Item::End);
    out.push(Piece::Unit(Unit {
        height: scale_h,
        items,
        ..Unit::default()
    }));
    out.push(Piece::Space(style.paragraph_gap));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(10.0), 5.0);
        assert_eq!(tick_step(2.0), 1.0);
        assert_eq!(tick_step(400.0), 100.0);
        assert_eq!(tick_step(0.1), 1.0);
        assert_eq!(tick_label(12000.0), "12,000");
        assert_eq!(tick_label(5.0), "5");
    }
}
