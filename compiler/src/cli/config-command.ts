import { describeSource, SETTINGS, showValue, type ResolvedConfig, type SettingName } from "../config/settings.js";

export interface ConfigReport {
  readonly file: string | null;
  readonly profile: string | null;
  readonly profileChosenBy: string | null;
  readonly settings: { readonly [K in SettingName]: { readonly value: string | number | null; readonly source: string; readonly variable: string } };
}

/** The resolved configuration as `tsflink config` shows it: every value masked, with its source. */
export function configReport(config: ResolvedConfig): ConfigReport {
  const names = Object.keys(SETTINGS) as SettingName[];
  return {
    file: config.file ?? null,
    profile: config.profile?.name ?? null,
    profileChosenBy: config.profile?.chosenBy ?? null,
    settings: Object.fromEntries(
      names.map((name) => {
        const s = config.settings[name];
        const value = s.value === undefined ? null : typeof s.value === "number" ? s.value : showValue(s.value);
        return [name, { value, source: describeSource(s.source), variable: SETTINGS[name].env }];
      }),
    ) as ConfigReport["settings"],
  };
}

export function describeConfigReport(report: ConfigReport): string {
  const head = report.file
    ? `config file ${report.file}; profile ${report.profile ?? "(none)"}${report.profileChosenBy ? ` (chosen by ${report.profileChosenBy})` : ""}`
    : "no tsflink.config.ts; profile (none)";
  const rows = Object.entries(report.settings).map(([name, s]) => `  ${name.padEnd(22)} ${String(s.value ?? "(unset)").padEnd(48)} ${s.source}`);
  return [head, ...rows].join("\n");
}
