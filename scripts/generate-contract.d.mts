// Types of generate-contract.mjs for the tests that import it.
export const CATALOGUE: string;
export function readCatalogue(dir?: string): { methods: Record<string, unknown>; builtins: Record<string, unknown> };
export function renderContract(dir?: string): Map<string, string>;
export function staleContractFiles(dir?: string): string[];
