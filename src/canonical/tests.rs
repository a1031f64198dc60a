use super::*;

const SITE: &str = "https://docs.example.org";

fn address(dest: &str) -> Option<(Option<String>, String, Option<String>)> {
    parse(SITE, dest, "scs").map(|a| (a.track, a.id, a.fragment))
}

fn doc(id: &str) -> Option<(Option<String>, String, Option<String>)> {
    Some((None, id.to_owned(), None))
}

#[test]
fn a_document_page_in_every_shape() {
    let id = "scs-0101-v1-entropy";
    for dest in [
        "https://docs.example.org/standards/scs-0101-v1-entropy",
        "https://docs.example.org/standards/scs-0101-v1-entropy/",
        "https://docs.example.org/standards/scs-0101-v1-entropy.md",
        "https://docs.example.org/standards/scs-0101-v1-entropy.html",
        "https://docs.example.org/standards/scs-0101-v1-entropy/index.html",
        "https://docs.example.org/standards/scs-0101-v1-entropy?x=1",
        // Scheme and host in any case, `http` too, white space around.
        "http://DOCS.example.org/standards/scs-0101-v1-entropy",
        " HTTPS://docs.example.org/standards/scs-0101-v1-entropy ",
    ] {
        assert_eq!(address(dest), doc(id), "{dest}");
    }
}

#[test]
fn anchors_are_decoded() {
    assert_eq!(
        address("https://docs.example.org/standards/scs-0101-v1-entropy#conformance%20tests"),
        Some((
            None,
            "scs-0101-v1-entropy".into(),
            Some("conformance tests".into())
        ))
    );
    assert_eq!(
        address("https://docs.example.org/standards/scs-0101-v1-entropy/#x"),
        Some((None, "scs-0101-v1-entropy".into(), Some("x".into())))
    );
}

#[test]
fn standard_pages_and_pages_below_a_track() {
    assert_eq!(
        address("https://docs.example.org/standards/scs-0101"),
        doc("scs-0101")
    );
    assert_eq!(
        address("https://docs.example.org/standards/iaas/scs-0101/"),
        Some((Some("iaas".into()), "scs-0101".into(), None))
    );
    assert_eq!(
        address("https://docs.example.org/standards/iaas/scs-0101-v1-entropy"),
        Some((Some("iaas".into()), "scs-0101-v1-entropy".into(), None))
    );
    assert_eq!(standard_number("scs-0101", "scs"), Some(101));
    assert_eq!(standard_number("scs-0101-v1-entropy", "scs"), None);
    assert_eq!(standard_number("scs-101", "scs"), None);
    assert_eq!(standard_number("SCS-0100", "scs"), Some(100));
}

#[test]
fn proposals_and_misspelt_ids_name_documents() {
    assert_eq!(
        address("https://docs.example.org/standards/scs-xxxx-v1-idea"),
        doc("scs-xxxx-v1-idea")
    );
    // Meant as a document, so looked up (and reported when missing).
    assert_eq!(
        address("https://docs.example.org/standards/SCS-0101-entropy"),
        doc("SCS-0101-entropy")
    );
}

#[test]
fn other_pages_are_left_alone() {
    for dest in [
        "https://docs.example.org/",
        "https://docs.example.org",
        "https://docs.example.org/community/",
        "https://docs.example.org/standards/",
        "https://docs.example.org/standards/scopes/",
        "https://docs.example.org/standards/certification/overview",
        "https://docs.example.org/standards/scs-compatible-iaas",
        "https://docs.example.org/standards/scs-0101/diff/v1-v2/",
        "https://docs.example.org/docs/iaas/scs-0101-v1-entropy",
        "https://docs.example.org.evil/standards/scs-0101-v1-entropy",
        "https://docs.example.organ/standards/scs-0101-v1-entropy",
        "https://other.example.org/standards/scs-0101-v1-entropy",
        "ftp://docs.example.org/standards/scs-0101-v1-entropy",
        "scs-0101-v1-entropy.md",
        "/standards/scs-0101-v1-entropy",
    ] {
        assert_eq!(address(dest), None, "{dest}");
    }
}

#[test]
fn a_site_below_a_path_and_no_site() {
    assert_eq!(
        parse(
            "https://example.org/docs/",
            "https://example.org/docs/standards/scs-0101",
            "scs"
        )
        .map(|a| a.id),
        Some("scs-0101".into())
    );
    assert_eq!(
        parse(
            "https://example.org/docs",
            "https://example.org/standards/scs-0101",
            "scs"
        ),
        None
    );
    assert_eq!(
        parse("", "https://docs.example.org/standards/scs-0101", "scs"),
        None
    );
    // Another body's prefix.
    assert_eq!(
        parse(SITE, "https://docs.example.org/standards/scs-0101", "nrm"),
        None
    );
}

#[test]
fn what_names_a_document() {
    assert!(names_a_document("scs-0101", "scs"));
    assert!(names_a_document("SCS-0101-v1-x", "scs"));
    assert!(names_a_document("scs-XXXX-v1-x", "scs"));
    assert!(!names_a_document("scs-01011", "scs"));
    assert!(!names_a_document("scs-compatible-iaas", "scs"));
    assert!(!names_a_document("scs", "scs"));
    assert!(!names_a_document("é", "scs"));
}
