//! What a page tells search engines and social networks about itself and the company: the
//! company's details for the templates, Open Graph / Twitter card values and schema.org
//! structured data (JSON-LD).

use serde::Serialize;

use crate::config::Config;
use crate::lang::Lang;

/// `company` in the template context.
#[derive(Debug, Serialize)]
pub struct CompanyView<'a> {
    pub name: &'a str,
    pub copyright: &'a str,
    pub market: Option<&'a str>,
    pub securities_code: Option<&'a str>,
    /// The logo's URL relative to the page (`../logo.svg`), when the site has one.
    pub logo: Option<String>,
    /// The brand colour after the contrast check (`#1a5fb4`), when the site sets one.
    pub brand_colour: Option<String>,
}

pub fn company<'a>(config: &'a Config, lang: Lang, root: &str) -> CompanyView<'a> {
    let company = &config.company;
    CompanyView {
        name: &company.names[&lang],
        copyright: &company.copyright[&lang],
        market: company.market.get(&lang).map(String::as_str),
        securities_code: company.securities_code.as_deref(),
        logo: company.logo.as_ref().map(|logo| format!("{root}{logo}")),
        brand_colour: company.brand.as_ref().map(|b| b.colour.to_string()),
    }
}

/// `social` in the template context: Open Graph and Twitter card values of one page.
#[derive(Debug, Serialize)]
pub struct Social<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Absolute URL of the page (its canonical URL).
    pub url: &'a str,
    pub site_name: &'a str,
    /// `ja_JP` / `en_US`, and the page's other languages.
    pub locale: &'static str,
    pub locale_alternates: Vec<&'static str>,
    /// Absolute URL of the logo, when the site has one.
    pub image: Option<String>,
}

pub fn social<'a>(config: &'a Config, lang: Lang, title: &'a str, description: &'a str, url: &'a str) -> Social<'a> {
    Social {
        title,
        description,
        url,
        site_name: &config.titles[&lang],
        locale: og_locale(lang),
        locale_alternates: config.languages.iter().filter(|l| **l != lang).map(|l| og_locale(*l)).collect(),
        image: config.company.logo.as_ref().map(|logo| format!("{}{logo}", config.base_url)),
    }
}

/// Open Graph's language_TERRITORY form.
fn og_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "ja_JP",
        Lang::En => "en_US",
    }
}

/// The company as a schema.org `Corporation`, JSON safe to place inside a `<script>` element.
pub fn structured_data(config: &Config, lang: Lang) -> String {
    let company = &config.company;
    let mut data = serde_json::Map::new();
    data.insert("@context".into(), "https://schema.org".into());
    data.insert("@type".into(), "Corporation".into());
    data.insert("name".into(), company.names[&lang].clone().into());
    let others: Vec<serde_json::Value> = config
        .languages
        .iter()
        .filter(|l| **l != lang)
        .filter_map(|l| company.names.get(l))
        .filter(|name| **name != company.names[&lang])
        .map(|name| name.clone().into())
        .collect();
    if !others.is_empty() {
        data.insert("alternateName".into(), others.into());
    }
    data.insert("url".into(), config.base_url.clone().into());
    if let Some(ticker) = company.ticker_symbol() {
        data.insert("tickerSymbol".into(), ticker.into());
    }
    if let Some(logo) = &company.logo {
        data.insert("logo".into(), format!("{}{logo}", config.base_url).into());
    }
    script_safe_json(&serde_json::Value::Object(data))
}

/// JSON text in which no `</script>`, `<!--` or `]]>` can occur: `<`, `>` and `&` only ever
/// appear inside JSON strings, where their `\u` escapes mean the same characters.
fn script_safe_json(value: &serde_json::Value) -> String {
    let text = serde_json::to_string(value).expect("a JSON value always serialises");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(company: &str) -> Config {
        let toml = format!(
            "base_url = \"https://ir.example.com/\"\ndefault_language = \"ja\"\nlanguages = [\"ja\", \"en\"]\n[title]\nja = \"t\"\nen = \"t\"\n{company}"
        );
        Config::parse(std::path::Path::new("/nonexistent"), std::path::Path::new("site.toml"), &toml).unwrap()
    }

    #[test]
    fn a_name_cannot_close_the_script_element() {
        let config = config(
            "[company]\nsecurities_code = \"1234\"\n[company.name]\nja = \"悪い</script><script>alert(1)</script>&<!--\"\nen = \"Evil ]]> Inc.\"\n",
        );
        let json = structured_data(&config, Lang::Ja);
        for bad in ["<", ">", "&"] {
            assert!(!json.contains(bad), "{json}");
        }
        // The escapes still mean the original text to a JSON parser.
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["name"], "悪い</script><script>alert(1)</script>&<!--");
        assert_eq!(parsed["alternateName"][0], "Evil ]]> Inc.");
        assert_eq!(parsed["@type"], "Corporation");
        assert_eq!(parsed["tickerSymbol"], "TSE 1234");
    }

    #[test]
    fn no_ticker_without_a_securities_code() {
        let config = config("[company.name]\nja = \"株式会社テスト\"\nen = \"Test Inc.\"\n");
        let parsed: serde_json::Value = serde_json::from_str(&structured_data(&config, Lang::En)).unwrap();
        assert_eq!(parsed["name"], "Test Inc.");
        assert!(parsed.get("tickerSymbol").is_none());
    }
}
