//! WCAG 2 contrast of the brand colour against the default theme's backgrounds, and the
//! darkened colour used when the brand colour itself falls short of AA.

use std::fmt;

/// AA for normal-size text (WCAG 2.1, 1.4.3).
pub const AA_TEXT: f64 = 4.5;

/// Where the default theme puts the brand colour (themes/default/static/css/site.css): as
/// the background of white header text and buttons, and as the colour of links, headings
/// and the current navigation entry on the page, tint and footer backgrounds.
pub const THEME_BACKGROUNDS: [(&str, Rgb); 3] = [
    ("white (page, header text)", Rgb(0xff, 0xff, 0xff)),
    ("#f3f6fa (table headings, current navigation entry)", Rgb(0xf3, 0xf6, 0xfa)),
    ("#eef2f7 (footer)", Rgb(0xee, 0xf2, 0xf7)),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb` or `#rgb`.
    pub fn parse(text: &str) -> Result<Rgb, String> {
        let hex = text.strip_prefix('#').filter(|h| h.chars().all(|c| c.is_ascii_hexdigit()));
        let digits: Vec<u8> = match hex {
            Some(h) if h.len() == 6 => {
                (0..3).map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).expect("hex digits")).collect()
            }
            Some(h) if h.len() == 3 => {
                h.chars().map(|c| u8::from_str_radix(&c.to_string(), 16).expect("hex digit") * 17).collect()
            }
            _ => return Err(format!("`{text}` is not a colour written #rrggbb (or #rgb)")),
        };
        Ok(Rgb(digits[0], digits[1], digits[2]))
    }

    /// Relative luminance (WCAG 2 definition, sRGB).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Each channel scaled by `factor` (0–1): the same hue, darker.
    fn darkened(self, factor: f64) -> Rgb {
        let scale = |c: u8| (f64::from(c) * factor).round() as u8;
        Rgb(scale(self.0), scale(self.1), scale(self.2))
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// WCAG contrast ratio, 1–21.
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// The lowest contrast of `colour` against the theme's backgrounds, with that background.
pub fn worst_contrast(colour: Rgb) -> (f64, &'static str) {
    THEME_BACKGROUNDS
        .iter()
        .map(|(name, bg)| (ratio(colour, *bg), *name))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .expect("the theme has backgrounds")
}

/// The brand colour the theme uses: `requested` when it reaches AA against every background,
/// else the lightest darker shade of it that does (black always does, so there is one).
pub fn usable_brand_colour(requested: Rgb) -> Rgb {
    if worst_contrast(requested).0 >= AA_TEXT {
        return requested;
    }
    (1..=100)
        .rev()
        .map(|percent| requested.darkened(f64::from(percent) / 100.0))
        .find(|c| worst_contrast(*c).0 >= AA_TEXT)
        .unwrap_or(Rgb(0, 0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_match_the_wcag_reference_values() {
        assert!((ratio(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((ratio(Rgb(255, 255, 255), Rgb(255, 255, 255)) - 1.0).abs() < 1e-9);
        // #777777 on white is the classic just-failing grey (4.48:1).
        let grey = ratio(Rgb::parse("#777").unwrap(), Rgb(255, 255, 255));
        assert!((grey - 4.48).abs() < 0.01, "{grey}");
    }

    #[test]
    fn a_dark_enough_colour_is_kept() {
        let navy = Rgb::parse("#0b3d7a").unwrap();
        assert_eq!(usable_brand_colour(navy), navy);
    }

    #[test]
    fn a_light_colour_is_darkened_just_enough() {
        let orange = Rgb::parse("#ff9900").unwrap();
        let used = usable_brand_colour(orange);
        assert_ne!(used, orange);
        assert!(worst_contrast(used).0 >= AA_TEXT);
        // Not simply black: the darkening stops at the first shade that passes.
        assert!(ratio(used, Rgb(0, 0, 0)) > 2.0, "{used}");
        // Same hue: red stays the strongest channel, blue the weakest.
        assert!(used.0 > used.1 && used.1 >= used.2);
    }

    #[test]
    fn malformed_colours_are_rejected() {
        for bad in ["1a5fb4", "#1a5fb", "#ggg", "blue", "#1a5fb4ff"] {
            assert!(Rgb::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Rgb::parse("#FFF").unwrap(), Rgb(255, 255, 255));
    }
}
