//! The page's one stylesheet, inline: light, readable on a 375 px phone
//! (nothing wider than the screen: charts scale, titles wrap anywhere while
//! short columns and term names never break, boards stack)
//! and printable (no dark backgrounds, a page break before each section,
//! cards kept whole). System fonts only: nothing is fetched.

pub const CSS: &str = r#"
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.45;color:#1d2430;background:#f6f7f9}
main{max-width:68rem;margin:0 auto;padding:1rem}
header.page{padding:1.25rem 1rem 0;max-width:68rem;margin:0 auto}
h1{font-size:1.7rem;margin:.2rem 0}
h2{font-size:1.35rem;margin:0 0 .75rem;padding-bottom:.3rem;border-bottom:2px solid #d5dae1}
h3{font-size:1.1rem;margin:1rem 0 .4rem}
h4{font-size:1rem;margin:.2rem 0 .3rem}
p,li,dd,td{overflow-wrap:anywhere}
section.part{background:#fff;border:1px solid #dde1e7;border-radius:.5rem;padding:1rem;margin:0 0 1.25rem}
.muted{color:#5a6472}
.small{font-size:.875rem}
.multiline{white-space:pre-line}
.north-star{font-size:1.15rem;white-space:pre-line;margin:0}
.id{white-space:nowrap;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;color:#5a6472}
.grid{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fill,minmax(min(16rem,100%),1fr))}
.card{border:1px solid #dde1e7;border-radius:.4rem;padding:.6rem .75rem;background:#fff;break-inside:avoid;page-break-inside:avoid;min-width:0}
.board{display:grid;gap:.75rem;grid-template-columns:repeat(4,minmax(0,1fr))}
.column{background:#f1f3f6;border-radius:.4rem;padding:.5rem;min-width:0}
.column .card,#learning-log .card{margin:.5rem 0 0}
svg{display:block;max-width:100%;height:auto}
svg.gauge{width:100%;height:.9rem}
svg.chart{width:100%;max-width:44rem}
.chart{margin:.4rem 0}
.badge{display:inline-block;border-radius:.8rem;padding:0 .55rem;font-size:.8rem;font-weight:600;border:1px solid currentColor;white-space:nowrap}
.on-track{color:#1b6e3a}
.at-risk{color:#8a5a00}
.off-track{color:#b3261e}
.no-health{color:#5a6472}
ol.debt{list-style:none;padding:0;margin:0;display:grid;gap:.75rem;grid-template-columns:repeat(auto-fill,minmax(min(24rem,100%),1fr))}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.2rem .4rem;border-bottom:1px solid #e6e9ee;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}
th{overflow-wrap:normal}
th[scope=row],td.num,td.status{white-space:nowrap}
td.title{overflow-wrap:anywhere;width:100%}
dl.facts{display:grid;grid-template-columns:fit-content(45%) minmax(0,1fr);gap:.15rem .75rem;margin:.3rem 0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;min-width:0}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.85rem;margin:.2rem 0}
.key{display:inline-block;width:1.2rem;height:.25rem;vertical-align:middle;margin-right:.3rem}
footer{max-width:68rem;margin:0 auto;padding:0 1rem 2rem;font-size:.85rem;color:#5a6472}
@media (max-width:48rem){
  .board{grid-template-columns:1fr}
  main{padding:.5rem}
  section.part{padding:.75rem}
  h1{font-size:1.4rem}
  dl.facts{grid-template-columns:minmax(0,1fr)}
  dl.facts dd{margin-bottom:.3rem}
}
@media print{
  body{background:#fff;color:#000;font-size:10.5pt}
  nav{display:none}
  header.page{padding:0 0 1rem}
  main{max-width:none;padding:0}
  section.part{border:none;padding:0;margin:0;break-before:page;page-break-before:always}
  section.part:first-of-type{break-before:auto;page-break-before:auto}
  .column{background:#fff;border:1px solid #ccc}
  .card,figure,tr{break-inside:avoid;page-break-inside:avoid}
}
"#;
