/* SPDX-License-Identifier: GPL-3.0-or-later */
import { LitElement, css, html, type PropertyValues } from 'lit';
import * as echarts from 'echarts/core';
import { BoxplotChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

// only what the plots here use, so the bundle stays small
echarts.use([LineChart, BoxplotChart, ScatterChart, CanvasRenderer, SVGRenderer]);
echarts.use([AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent]);

type Renderer = 'svg' | 'canvas';

/**
 * An Apache ECharts chart whose option comes from the server as JSON (property `option`).
 * Follows its container's size, draws with SVG or canvas (`renderer`), takes its fonts and
 * colours from the Lumo theme, and downloads itself as PNG or SVG.
 */
export class SegsurvChart extends LitElement {
  static properties = {
    option: { type: String },
    renderer: { type: String, reflect: true },
  };

  declare option: string;
  declare renderer: Renderer;

  private chart?: echarts.ECharts;
  private resizeObserver?: ResizeObserver;

  static styles = css`
    :host {
      display: block;
      position: relative;
      min-height: 12rem;
      width: 100%;
      height: 20rem;
    }
    .plot {
      position: absolute;
      inset: 0;
    }
  `;

  constructor() {
    super();
    this.option = '{}';
    this.renderer = 'svg';
  }

  render() {
    return html`<div class="plot" part="plot"></div>`;
  }

  connectedCallback() {
    super.connectedCallback();
    if (!this.hasAttribute('role')) {
      this.setAttribute('role', 'img');
    }
  }

  protected firstUpdated() {
    this.resizeObserver = new ResizeObserver(() => this.chart?.resize());
    this.resizeObserver.observe(this);
  }

  protected updated(changed: PropertyValues) {
    if (changed.has('renderer') || !this.chart) {
      this.chart?.dispose();
      const plot = this.renderRoot.querySelector('.plot') as HTMLElement;
      this.chart = echarts.init(plot, undefined, { renderer: this.renderer });
      this.draw();
    } else if (changed.has('option')) {
      this.draw();
    }
  }

  disconnectedCallback() {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.chart?.dispose();
    this.chart = undefined;
    super.disconnectedCallback();
  }

  /** The option with the theme's fonts and colours underneath what the server sent. */
  private themed(): echarts.EChartsCoreOption {
    const style = getComputedStyle(this);
    const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    const text = read('--lumo-body-text-color', '#1a2b3c');
    const secondary = read('--lumo-secondary-text-color', '#5b6b7c');
    const base = {
      backgroundColor: 'transparent',
      textStyle: { fontFamily: read('--lumo-font-family', 'sans-serif'), color: text },
      aria: { enabled: true, label: { enabled: true, description: this.getAttribute('aria-label') ?? undefined } },
      title: { textStyle: { color: text, fontSize: 14 } },
      legend: { textStyle: { color: secondary } },
    };
    const sent = JSON.parse(this.option || '{}');
    return { ...base, ...sent, textStyle: { ...base.textStyle, ...(sent.textStyle ?? {}) } };
  }

  private draw() {
    this.chart?.setOption(this.themed(), { notMerge: true });
  }

  /** Starts a browser download of the chart as PNG (twice the screen resolution, white background). */
  exportPng(fileName: string) {
    if (!this.chart) {
      return;
    }
    const url = this.chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    this.download(url, fileName);
  }

  /** Starts a browser download of the chart as SVG (drawn again off-screen when the chart uses canvas). */
  exportSvg(fileName: string) {
    const svg = this.svgString();
    if (svg === undefined) {
      return;
    }
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    this.download(url, fileName);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** The chart as an SVG document. */
  svgString(): string | undefined {
    if (!this.chart) {
      return undefined;
    }
    if (this.renderer === 'svg') {
      return this.chart.renderToSVGString();
    }
    const offscreen = echarts.init(null, undefined, {
      renderer: 'svg',
      ssr: true,
      width: this.chart.getWidth(),
      height: this.chart.getHeight(),
    });
    try {
      offscreen.setOption({ ...this.themed(), animation: false });
      return offscreen.renderToSVGString();
    } finally {
      offscreen.dispose();
    }
  }

  private download(url: string, fileName: string) {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
}

customElements.define('segsurv-chart', SegsurvChart);

declare global {
  interface HTMLElementTagNameMap {
    'segsurv-chart': SegsurvChart;
  }
}
