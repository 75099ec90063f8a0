//! What the importer guessed: each guess with the paragraph (or line) it concerns, said on
//! stderr and written into the scheme file as a comment, so the secretary checks it.

/// One guess.
#[derive(Debug, Clone, PartialEq)]
pub struct Doubt {
    /// The paragraph or line it concerns, numbered as `Para::number`.
    pub number: usize,
    /// Text the scheme file holds where the guess shows (a title, a name), for the comment.
    pub anchor: Option<String>,
    /// What was guessed, and what to check.
    pub what: String,
}

/// The guesses of one import, in the order they were made.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doubts(pub Vec<Doubt>);

impl Doubts {
    /// Notes a guess about paragraph `number`.
    ///
    /// ```
    /// let mut d = dossier::read::draft::doubt::Doubts::default();
    /// d.add(3, "署名还是正文？");
    /// assert_eq!((d.0[0].number, d.0[0].anchor.is_none()), (3, true));
    /// ```
    pub fn add(&mut self, number: usize, what: impl Into<String>) {
        self.0.push(Doubt {
            number,
            anchor: None,
            what: what.into(),
        });
    }

    /// Notes a guess about paragraph `number` that shows in the scheme file at `anchor`.
    ///
    /// ```
    /// let mut d = dossier::read::draft::doubt::Doubts::default();
    /// d.add_at(7, "工作要求", "层级按上下文推断");
    /// assert_eq!(d.0[0].anchor.as_deref(), Some("工作要求"));
    /// ```
    pub fn add_at(&mut self, number: usize, anchor: &str, what: impl Into<String>) {
        self.0.push(Doubt {
            number,
            anchor: Some(anchor.to_string()),
            what: what.into(),
        });
    }
}
