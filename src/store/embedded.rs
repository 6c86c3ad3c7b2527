//! Placeholder until the demo assets land.
pub const DEMO: &str = include_str!("../../assets/demo.ron");
pub const TEMPLATE: &str = include_str!("../../assets/template.ron");
