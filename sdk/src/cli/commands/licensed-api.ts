import { CliUsageError } from '../command.js'

/** The help line of `--api`, the DAIMM gateway that serves licensed content. */
export const apiHelp = `  --api <url>            the DAIMM gateway that holds the model's key (default $DAIMM_API_URL)`

/** The gateway URL from `--api` or DAIMM_API_URL. */
export function apiUrlOf(
  api: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  command: string,
): string {
  const url = api ?? env.DAIMM_API_URL
  if (!url)
    throw new CliUsageError(
      `daimm ${command} needs the DAIMM gateway that holds the model's key.`,
      {
        fix: 'Pass --api <url>, or set DAIMM_API_URL.',
      },
    )
  return url
}
