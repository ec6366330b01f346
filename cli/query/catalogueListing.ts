// `trailguard query --list`: the catalogue, one block per query, as text or JSON.
import type { CatalogueQuery } from "../../core/queries/catalogue";
import { describeParameter } from "../../core/queries/queryParameters";

export function formatCatalogueText(queries: readonly CatalogueQuery[]): string {
    const blocks = queries.map((q) => {
        const lines = [`${q.id}  ${q.title}`];
        if (q.parameters.length > 0) lines.push(`    parameters: ${q.parameters.map(describeParameter).join(", ")}`);
        if (q.references.length > 0) lines.push(`    references: ${q.references.map((r) => r.id).join(", ")}`);
        return lines.join("\n");
    });
    return blocks.join("\n") + "\n";
}

export function formatCatalogueJson(queries: readonly CatalogueQuery[]): string {
    return JSON.stringify(queries, null, 2) + "\n";
}
