/**
 * EDGAR keeps Eastern time: its dates and business days are New York's, whatever the config's
 * zone. The calendar (federal holidays by rule) lives in src/calendar; this names it for EDGAR.
 */
export {
  businessDaysBetween,
  easternDate as edgarDate,
  isBusinessDay,
  previousBusinessDay,
} from '../../calendar/business-days.js';
