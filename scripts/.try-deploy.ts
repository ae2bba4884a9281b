import * as ci from 'miniprogram-ci';
process.on('uncaughtException', (e) => { console.log('UNCAUGHT', (e as NodeJS.ErrnoException).code, String(e).slice(0,300)); process.exit(3); });
process.on('unhandledRejection', (e) => { console.log('UNHANDLED', String(e).slice(0,300)); process.exit(4); });
async function main() {
  const t0 = Date.now();
  const project = new ci.Project({ appid: 'wx0123456789abcdef', type: 'miniProgram', projectPath: process.argv[2], privateKeyPath: '/tmp/dpl/key.pem', ignores: ['node_modules/**/*'] });
  console.log('project in', Date.now() - t0);
  try {
    if (process.argv[3] === 'fn') {
      const r = await ci.cloud.uploadFunction({ project, env: 'test-env', name: 'shop', path: 'dist/cloudfunctions/shop', remoteNpmInstall: true });
      console.log('ok', r);
    } else if (process.argv[3] === 'trig') {
      const r = await ci.cloud.createTimeTrigger({ project, envId: 'x', functionName: 'worker', triggersConfig: [{name:'a',type:'timer',config:'0 * * * * * *'}] });
      console.log('ok', r);
    } else if (process.argv[3] === 'storage') {
      const r = await ci.cloud.uploadStorage({ project, env: 'x', path: 'emulator/seed/images', remotePath: 'assets' });
      console.log('ok', r);
    } else {
      const r = await ci.upload({ project, version: '0.1.0', desc: 'x', setting: { useProjectConfig: true }, robot: 1 });
      console.log('ok', r);
    }
  } catch (e) {
    const err = e as Record<string, unknown>;
    console.log('CAUGHT', typeof e, e instanceof Error, err?.code, err?.errno, JSON.stringify(e)?.slice(0, 300), String(e).slice(0, 300));
  }
  console.log('took', Date.now() - t0);
}
main();
