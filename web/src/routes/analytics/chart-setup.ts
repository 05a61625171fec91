// chart.js registers nothing by itself (to stay small): only the parts these charts draw.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export { Chart };

/** Series colours: distinct in hue and lightness, and every series is also named in the legend and the table. */
export const SERIES_COLOURS = ['#0969da', '#1a7f37', '#cf222e', '#8250df', '#9a6700'];
