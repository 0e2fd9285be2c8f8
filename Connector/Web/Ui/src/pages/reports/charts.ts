// Chart.js for the report and dashboard chunks only: the bar chart's pieces are registered here (vue-chartjs's Bar
// registers its own controller), so nothing of Chart.js reaches the shared chunk or a card tab.
import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js'

Chart.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend)

export { Bar } from 'vue-chartjs'
