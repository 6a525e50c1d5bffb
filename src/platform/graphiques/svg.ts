import * as echarts from 'echarts';

// Charts are drawn on the server by ECharts into SVG (no JavaScript in the browser) and embedded as images: the
// figure's caption and the data table beside it carry the meaning for screen readers (ECharts' aria option adds
// nothing to an SSR SVG).

const BLEU_FRANCE = '#000091';
const GRIS = '#929292';
const POLICE = 'Marianne, Arial, sans-serif';

function rendre(largeur: number, hauteur: number, option: echarts.EChartsOption): string {
  const graphique = echarts.init(null, null, { renderer: 'svg', ssr: true, width: largeur, height: hauteur });
  try {
    graphique.setOption({ animation: false, textStyle: { fontFamily: POLICE, color: '#161616' }, ...option });
    return graphique.renderToSVGString();
  } finally {
    graphique.dispose();
  }
}

/** An SVG document as a data: URL for an <img> (the page's CSP allows data: images, not inline styles). */
export const enUrl = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

/** Horizontal bars, largest at the top, with the value at the end of each bar; an optional grey comparison series. */
export function barresHorizontales(
  donnees: Array<{ libelle: string; n: number; comparaison?: number }>,
  options: { serie: string; comparaison?: string; largeur?: number } = { serie: 'Période' },
): string {
  const lignes = [...donnees].reverse();
  const avecComparaison = options.comparaison !== undefined;
  return rendre(options.largeur ?? 640, Math.max(120, 40 + lignes.length * (avecComparaison ? 34 : 24)), {
    grid: { left: 8, right: 48, top: avecComparaison ? 28 : 8, bottom: 8, containLabel: true },
    legend: avecComparaison ? { top: 0, data: [options.serie, options.comparaison ?? ''] } : undefined,
    xAxis: { type: 'value', splitLine: { lineStyle: { color: '#e5e5e5' } } },
    yAxis: { type: 'category', data: lignes.map((l) => l.libelle), axisLabel: { width: 220, overflow: 'truncate' } },
    series: [
      {
        name: options.serie,
        type: 'bar',
        data: lignes.map((l) => l.n),
        itemStyle: { color: BLEU_FRANCE },
        label: { show: true, position: 'right' },
      },
      ...(avecComparaison
        ? [
            {
              name: options.comparaison,
              type: 'bar' as const,
              data: lignes.map((l) => l.comparaison ?? 0),
              itemStyle: { color: GRIS },
            },
          ]
        : []),
    ],
  });
}

/** A weekday × hour heat map (rows Monday…Sunday, columns the hours given). */
export function carteDeChaleur(jours: number[][], heures: number[], nomsJours: readonly string[]): string {
  const donnees = jours.flatMap((ligne, j) => ligne.map((n, h) => [h, j, n]));
  const max = Math.max(1, ...donnees.map((d) => d[2] ?? 0));
  return rendre(720, 300, {
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: heures.map((h) => `${h} h`), splitArea: { show: true } },
    yAxis: { type: 'category', data: [...nomsJours], inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: ['#f5f5fe', '#6a6af4', BLEU_FRANCE] },
    },
    series: [{ type: 'heatmap', data: donnees, label: { show: true, color: '#161616', fontSize: 10 } }],
  });
}
