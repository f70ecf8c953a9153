//! The framework and a learner's workbook, and the pure rules read off them.

pub mod framework; // roles, competencies, levels, statements; load + validate
pub mod progress; // achieved level, progress to target, next to practise
pub mod weekly; // progress over time: week by week from the history, in the local zone
pub mod workbook; // the learner's state and the changes that can be made to it
