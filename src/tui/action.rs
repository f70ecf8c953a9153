//! Everything a key can ask for. A leaf: the key table, the config file and
//! the strings of the help screen all name actions, so nothing here imports
//! any of them.

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    /// Give the terminal back and stop, as `Ctrl-Z` does in any full-screen program.
    Suspend,
    Help,
    Undo,
    Search,
    NextToPractise,
    History,
    Redraw,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Open,
    Back,
    ChangeRole,
    /// Change the display name.
    Rename,
    Toggle,
    NextLevel,
    PrevLevel,
    EditNote,
    EditReflection,
    RequestReview,
    /// Save the text being edited and close the editor.
    SaveClose,
    /// Close what is only being read.
    Close,
    /// Confirm a choice or a prompt.
    Confirm,
    /// Close a dialog without doing anything.
    Cancel,
    /// Move focus to the next field of a form.
    NextField,
    // Coach review
    SignOff,
    ReturnLevel,
    Comment,
    Sort,
    Requests,
    Filter,
    /// Coach review: every file that could not be read, and why.
    Problems,
    /// Coach review: the skills matrix, every learner's level in every competency.
    Matrix,
    /// The skills matrix: select the column to the left or right.
    ColumnLeft,
    ColumnRight,
    /// The skills matrix: raise or lower the level N the coverage line counts.
    LevelUp,
    LevelDown,
    /// Sort by the selected column; again, the other way round.
    SortColumn,
    /// The skills matrix: who holds the selected competency at level N or above.
    Holders,
    /// Progress week by week, drawn from the history.
    Chart,
    /// Coach review: learners at target week by week.
    TeamChart,
}

impl Action {
    /// The action's name in the config file (kebab-case).
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Suspend => "suspend",
            Action::Help => "help",
            Action::Undo => "undo",
            Action::Search => "search",
            Action::NextToPractise => "next-to-practise",
            Action::History => "history",
            Action::Redraw => "redraw",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page-up",
            Action::PageDown => "page-down",
            Action::Home => "home",
            Action::End => "end",
            Action::Open => "open",
            Action::Back => "back",
            Action::ChangeRole => "change-role",
            Action::Rename => "rename",
            Action::Toggle => "toggle",
            Action::NextLevel => "next-level",
            Action::PrevLevel => "prev-level",
            Action::EditNote => "edit-note",
            Action::EditReflection => "edit-reflection",
            Action::RequestReview => "request-review",
            Action::SaveClose => "save-close",
            Action::Close => "close",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
            Action::NextField => "next-field",
            Action::SignOff => "sign-off",
            Action::ReturnLevel => "return-level",
            Action::Comment => "comment",
            Action::Sort => "sort",
            Action::Requests => "requests",
            Action::Filter => "filter",
            Action::Problems => "problems",
            Action::Matrix => "matrix",
            Action::ColumnLeft => "column-left",
            Action::ColumnRight => "column-right",
            Action::LevelUp => "level-up",
            Action::LevelDown => "level-down",
            Action::SortColumn => "sort-column",
            Action::Holders => "holders",
            Action::Chart => "chart",
            Action::TeamChart => "team-chart",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kebab_case_and_distinct() {
        let all = [
            Action::Quit,
            Action::Suspend,
            Action::Help,
            Action::Undo,
            Action::Search,
            Action::NextToPractise,
            Action::History,
            Action::Redraw,
            Action::Up,
            Action::Down,
            Action::PageUp,
            Action::PageDown,
            Action::Home,
            Action::End,
            Action::Open,
            Action::Back,
            Action::ChangeRole,
            Action::Rename,
            Action::Toggle,
            Action::NextLevel,
            Action::PrevLevel,
            Action::EditNote,
            Action::EditReflection,
            Action::RequestReview,
            Action::SaveClose,
            Action::Close,
            Action::Confirm,
            Action::Cancel,
            Action::NextField,
            Action::SignOff,
            Action::ReturnLevel,
            Action::Comment,
            Action::Sort,
            Action::Requests,
            Action::Filter,
            Action::Problems,
            Action::Matrix,
            Action::ColumnLeft,
            Action::ColumnRight,
            Action::LevelUp,
            Action::LevelDown,
            Action::SortColumn,
            Action::Holders,
            Action::Chart,
            Action::TeamChart,
        ];
        let mut names: Vec<&str> = all.iter().map(|a| a.name()).collect();
        assert!(names.iter().all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all.len());
    }
}
