// How the main process starts `torpeddo rpc`. In development it is the repository's own launcher, which builds the
// backend when its sources changed. A packaged app carries no JDK and no launcher: it runs the jlinked runtime
// (resources/engine/runtime, scripts/jlink-runtime.mjs) on the backend jar and its libraries (resources/engine/lib),
// with the JVM options the launcher uses (test/unit/backend-command.test.mjs keeps the two lists equal).
import { join } from 'node:path';
import type { BackendCommand } from './backend-connection';

export const BACKEND_MAIN_CLASS = 'dev.torpeddo.backend.Torpeddo';

/** The launcher's JVM options (see ./torpeddo for why each is there), without its startup cache. */
export const BACKEND_JVM_OPTIONS: readonly string[] = [
  '-Xmx96m',
  '-XX:+UseSerialGC',
  '-XX:UserThreadWaitAttemptsAtExit=0',
  '-XX:CompileThresholdScaling=3',
  '-XX:CompileCommand=quiet',
  '-XX:CompileCommand=dontinline,dev.torpeddo.engine.torrent.Requester::onBlock',
  '-Xlog:disable',
  '-Xlog:all=warning:stderr',
];

export interface BackendLocation {
  /** app.isPackaged */
  packaged: boolean;
  /** process.resourcesPath (packaged) */
  resourcesPath: string;
  /** The repository's root, where ./torpeddo is (development). */
  repoRoot: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/** `--state-dir DIR` when the user chose one (TORPEDDO_STATE_DIR); otherwise the backend's per-user default. */
export function stateDirArgs(env: NodeJS.ProcessEnv): string[] {
  const dir = env.TORPEDDO_STATE_DIR?.trim();
  return dir ? ['--state-dir', dir] : [];
}

export function backendCommand(location: BackendLocation): BackendCommand {
  const rpcArgs = ['rpc', ...stateDirArgs(location.env)];
  if (!location.packaged) {
    return { command: join(location.repoRoot, 'torpeddo'), args: rpcArgs, cwd: location.repoRoot, env: location.env };
  }
  const engine = join(location.resourcesPath, 'engine');
  const java = join(engine, 'runtime', 'bin', location.platform === 'win32' ? 'java.exe' : 'java');
  // The JVM expands `lib/*` itself (no shell is involved): the backend jar and every library jar.
  const classpath = join(engine, 'lib', '*');
  return {
    command: java,
    args: [...BACKEND_JVM_OPTIONS, '-cp', classpath, BACKEND_MAIN_CLASS, ...rpcArgs],
    cwd: engine,
    env: location.env,
  };
}
