import * as ci from 'miniprogram-ci';
async function main() {
  const t0 = Date.now();
  const project = new ci.Project({ appid: 'wx0123456789abcdef', type: 'miniProgram', projectPath: process.argv[2], privateKeyPath: '/tmp/dpl/key.pem', ignores: ['node_modules/**/*', '.cloud/**/*'] });
  (project as unknown as { attr: () => Promise<unknown> }).attr = async () => ({ ...ci.DefaultProjectAttr });
  console.log('project in', Date.now() - t0, (project as unknown as {miniprogramRoot: string}).miniprogramRoot);
  const r = await ci.getCompiledResult({ project, setting: { useProjectConfig: true }, version: '0.0.0', desc: 'check' } as never);
  console.log('compiled', Object.keys(r as object).length, Object.keys(r as object).slice(0,5), Date.now() - t0);
  process.exit(0);
}
main().catch((e) => { console.log('ERR', String(e).slice(0, 500)); process.exit(1); });
