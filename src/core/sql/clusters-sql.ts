import { doubleLiteral } from './sql-dialect.ts';
import type { SqlContext, SqlStep } from './sql-step.ts';
import type { SqlClusterModel } from './sql-input.ts';

const FEATURE_COLUMNS = { recency: 'recency_days', frequency: 'frequency', monetary: 'monetary_value' } as const;

/**
 * Step 11: each customer's nearest centroid of the app's k-means fit, through the same feature
 * transforms (log(1 + x), negatives taken as 0 first) and scaling ((x − centre) / scale); a tie
 * goes to the first cluster, as in the app. The fit itself stays in the app.
 */
export function clusterSteps({ d }: SqlContext, model: SqlClusterModel): SqlStep[] {
  const k = model.names.length;
  const dims = model.features.length;
  if (model.scales.length !== dims || model.centroids.length !== k * dims) {
    throw new Error(`clusterSteps: ${dims} features, ${model.scales.length} scales and ${model.centroids.length} centroid values for ${k} clusters`);
  }
  const scaled = model.features.map((f, j) => {
    const s = model.scales[j];
    const x = FEATURE_COLUMNS[f.feature];
    const v = s.log ? `LN(1 + GREATEST(CAST(${x} AS ${d.floatType}), 0))` : `CAST(${x} AS ${d.floatType})`;
    return `  (${v} - ${doubleLiteral(s.center)}) / ${doubleLiteral(s.scale)} AS z${j}`;
  });
  const distances = model.names.map((_, c) => {
    const terms = model.features.map((_, j) => {
      const diff = `(z${j} - ${doubleLiteral(model.centroids[c * dims + j])})`;
      return `${diff} * ${diff}`;
    });
    return `  ${terms.join(' + ')} AS d${c}`;
  });
  const all = model.names.map((_, c) => `d${c}`).join(', ');
  const nearest = k === 1 ? d.text(model.names[0]) : [
    'CASE',
    ...model.names.map((name, c) => `    WHEN d${c} <= LEAST(${all}) THEN ${d.text(name)}`),
    '  END',
  ].join('\n');
  return [
    {
      name: 'cluster_distances',
      comment: `11. Clusters: ${model.features.map((f, j) => `${f.feature}${f.log ? ' (log)' : ''} scaled by centre ${model.scales[j].center} and scale ${model.scales[j].scale}`).join('; ')}; squared distance to each of the ${k} centroids.`,
      sql: ['SELECT', '  f.*,', distances.join(',\n'), 'FROM (', '  SELECT l.*,', scaled.map((s) => `  ${s}`).join(',\n'), '  FROM lifecycle_stages l', ') f'].join('\n'),
    },
    {
      name: 'clustered',
      comment: '11b. The nearest centroid names the cluster (the first on a tie).',
      sql: `SELECT\n  c.*,\n  ${nearest} AS cluster_name\nFROM cluster_distances c`,
    },
  ];
}
