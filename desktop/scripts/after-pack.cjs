// electron-builder's afterPack hook: flips the packaged Electron binary's fuses before it is signed, turning off
// what an installed app never needs and an attacker could use (running as plain Node, NODE_OPTIONS, --inspect)
// and making it load its code only from its checked app.asar.
// https://www.electronjs.org/docs/latest/tutorial/fuses
const path = require('node:path');

/** Fuse settings by @electron/fuses option name; `fuseConfig` maps them to the library's enum. */
const FUSES = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  OnlyLoadAppFromAsar: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  EnableCookieEncryption: true,
  // The page comes from app://, so file:// needs none of its historical extra powers.
  GrantFileProtocolExtraPrivileges: false,
};

const ARCH_ARM64 = 3; // builder-util's Arch.arm64
const ARCH_UNIVERSAL = 4;

/** The Electron executable electron-builder produced, as its own fuse step locates it. */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const darwin = electronPlatformName === 'darwin' || electronPlatformName === 'mas';
  if (darwin) return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

function fuseConfig(fuses, context) {
  const { FuseV1Options, FuseVersion } = fuses;
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  const config = {
    version: FuseVersion.V1,
    // Flipping fuses breaks an Apple Silicon binary's ad-hoc signature; re-sign it ad hoc (a real identity
    // signs later anyway).
    resetAdHocDarwinSignature: darwin && (context.arch === ARCH_ARM64 || context.arch === ARCH_UNIVERSAL),
  };
  for (const [name, value] of Object.entries(FUSES)) {
    if (!(name in FuseV1Options)) throw new Error(`@electron/fuses knows no fuse ${name}`);
    config[FuseV1Options[name]] = value;
  }
  return config;
}

async function afterPack(context) {
  // @electron/fuses is an ES module.
  const fuses = await import('@electron/fuses');
  const binary = electronBinary(context);
  await fuses.flipFuses(binary, fuseConfig(fuses, context));
  console.log(`  • fuses flipped in ${binary}: ${Object.entries(FUSES).map(([k, v]) => `${k}=${v ? 'on' : 'off'}`).join(', ')}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinary = electronBinary;
