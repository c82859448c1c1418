/** Check a setup: the script that gathers its inputs. A minimal stand-in. */
import type { Answers } from '../answers';

export function collectScript(answers: Answers): { fileName: string; script: string } {
  return {
    fileName: 'collect-personalize-setup.sh',
    script: `#!/usr/bin/env bash\n# Gathers the setup of the role ${answers.roleName}.\nset -euo pipefail\n`,
  };
}
