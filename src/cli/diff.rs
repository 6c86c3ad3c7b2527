use super::Ctx;
use super::args::DiffArgs;
pub fn run(_ctx: &Ctx, _args: DiffArgs, _out: &mut String) -> anyhow::Result<()> {
    anyhow::bail!("not yet")
}
