import { describe, expect, it } from 'vitest';
import {
  businessDaysBetween,
  easternDateTime,
  federalHolidays,
  holidayOn,
  isBusinessDay,
  nextBusinessDay,
  previousBusinessDay,
} from '../../src/calendar/business-days.js';
import { firstNewDay, isNewFiling } from '../../src/calendar/new-filings.js';
import { BUSY_WINDOWS, inBusyWindow, isRunDue } from '../../src/calendar/busy-hours.js';

describe('federal holidays, computed by rule (5 U.S.C. 6103, OPM observance)', () => {
  // Published OPM calendars for 2024 and 2025.
  it.each([
    [
      2024,
      [
        '2024-01-01',
        '2024-01-15',
        '2024-02-19',
        '2024-05-27',
        '2024-06-19',
        '2024-07-04',
        '2024-09-02',
        '2024-10-14',
        '2024-11-11',
        '2024-11-28',
        '2024-12-25',
      ],
    ],
    [
      2025,
      [
        '2025-01-01',
        '2025-01-20',
        '2025-02-17',
        '2025-05-26',
        '2025-06-19',
        '2025-07-04',
        '2025-09-01',
        '2025-10-13',
        '2025-11-11',
        '2025-11-27',
        '2025-12-25',
      ],
    ],
    [
      2026,
      [
        '2026-01-01',
        '2026-01-19',
        '2026-02-16',
        '2026-05-25',
        '2026-06-19',
        '2026-07-03',
        '2026-09-07',
        '2026-10-12',
        '2026-11-11',
        '2026-11-26',
        '2026-12-25',
      ],
    ],
    // Christmas on a Saturday (Friday 24th) and New Year's Day 2028 on a Saturday (Friday 31 December 2027).
    [
      2027,
      [
        '2027-01-01',
        '2027-01-18',
        '2027-02-15',
        '2027-05-31',
        '2027-06-18',
        '2027-07-05',
        '2027-09-06',
        '2027-10-11',
        '2027-11-11',
        '2027-11-25',
        '2027-12-24',
        '2027-12-31',
      ],
    ],
  ])('%i', (year, dates) => {
    expect([...federalHolidays(year).keys()]).toEqual(dates);
  });

  it.each([
    ['2021-12-31', "New Year's Day"], // 1 January 2022 was a Saturday
    ['2023-01-02', "New Year's Day"], // 1 January 2023 was a Sunday
    ['2021-06-18', 'Juneteenth National Independence Day'], // the first one, a Saturday
    ['2022-06-20', 'Juneteenth National Independence Day'], // a Sunday
    ['2020-07-03', 'Independence Day'],
    ['2023-11-10', 'Veterans Day'],
    ['2020-06-19', null], // before Juneteenth became a federal holiday
    ['2026-01-02', null],
    ['2026-12-24', null],
  ])('%s is %s', (date, name) => {
    expect(holidayOn(date)).toBe(name);
  });
});

describe('business days', () => {
  it.each([
    ['2026-01-16', true], // Friday
    ['2026-01-17', false], // Saturday
    ['2026-01-18', false], // Sunday
    ['2026-01-19', false], // Martin Luther King Jr. Day
    ['2026-01-20', true],
    ['2026-07-03', false], // Independence Day observed on the Friday
  ])('%s: %s', (date, expected) => {
    expect(isBusinessDay(date)).toBe(expected);
  });

  it('steps over weekends and holidays both ways', () => {
    expect(previousBusinessDay('2026-01-20')).toBe('2026-01-16'); // Tuesday after MLK Day -> Friday
    expect(previousBusinessDay('2026-03-09')).toBe('2026-03-06');
    expect(nextBusinessDay('2026-07-02')).toBe('2026-07-06');
    expect(nextBusinessDay('2026-12-31')).toBe('2027-01-04');
    expect(businessDaysBetween('2026-01-15', '2026-01-21')).toEqual([
      '2026-01-16',
      '2026-01-20',
      '2026-01-21',
    ]);
    expect(businessDaysBetween('2026-03-10', '2026-03-10')).toEqual([]);
  });

  it('reads dates and times in New York, across daylight saving time', () => {
    expect(easternDateTime(new Date('2026-03-07T04:30:00Z'))).toEqual({
      date: '2026-03-06',
      time: '23:30',
    }); // EST
    expect(easternDateTime(new Date('2026-03-10T10:00:00Z'))).toEqual({
      date: '2026-03-10',
      time: '06:00',
    }); // EDT
  });
});

describe('the one rule for "new"', () => {
  it.each([
    ['a weekday at noon: that morning', '2026-01-16T12:00:00-05:00', '2026-01-16'],
    ['a weekday at 06:00 sharp: that day', '2026-03-10T06:00:00-04:00', '2026-03-10'],
    ['a Tuesday at 05:00: Monday', '2026-03-10T05:00:00-04:00', '2026-03-09'],
    ['a Saturday: Friday', '2026-01-17T10:00:00-05:00', '2026-01-16'],
    ['a Sunday just before midnight: Friday', '2026-01-18T23:59:00-05:00', '2026-01-16'],
    ['a Monday holiday: the Friday before', '2026-01-19T10:00:00-05:00', '2026-01-16'],
    [
      'the Tuesday after a Monday holiday, before 06:00: the Friday',
      '2026-01-20T05:59:00-05:00',
      '2026-01-16',
    ],
    [
      'Friday evening after the window closed: still Friday',
      '2026-01-16T23:00:00-05:00',
      '2026-01-16',
    ],
  ])('first seen on %s', (_name, moment, day) => {
    expect(firstNewDay(new Date(moment))).toBe(day);
  });

  const saturday = new Date('2026-01-17T10:00:00-05:00');
  it.each([
    [
      "Friday's S-1, watch first seen on Saturday",
      { filingDate: '2026-01-16', acceptedAt: '2026-01-16T10:00:00-05:00' },
      saturday,
      true,
    ],
    [
      "Thursday's S-1, watch first seen on Saturday",
      { filingDate: '2026-01-15', acceptedAt: '2026-01-15T10:00:00-05:00' },
      saturday,
      false,
    ],
    [
      'from the daily index (no acceptance time), Friday',
      { filingDate: '2026-01-16', acceptedAt: null },
      saturday,
      true,
    ],
    [
      'accepted after the watch was first seen, dated an older day',
      { filingDate: '2026-01-15', acceptedAt: '2026-01-17T11:00:00-05:00' },
      saturday,
      true,
    ],
    [
      'an unreadable acceptance time falls back to the date',
      { filingDate: '2026-01-15', acceptedAt: 'soon' },
      saturday,
      false,
    ],
  ])('%s: %s', (_name, filing, firstSeen, expected) => {
    expect(isNewFiling(filing, firstSeen)).toBe(expected);
  });
});

describe('busy hours: when a tick runs', () => {
  const edgar = BUSY_WINDOWS.edgar;
  const fr = BUSY_WINDOWS['federal-register'];
  const at = (s: string) => new Date(s);
  it.each([
    ['EDGAR, a weekday at 06:00', edgar, '2026-03-10T06:00:00-04:00', true],
    ['EDGAR, a weekday at 21:59', edgar, '2026-03-10T21:59:00-04:00', true],
    ['EDGAR, a weekday at 22:00', edgar, '2026-03-10T22:00:00-04:00', false],
    ['EDGAR, a weekday at 05:59', edgar, '2026-03-10T05:59:00-04:00', false],
    ['EDGAR, a Saturday at noon', edgar, '2026-03-14T12:00:00-04:00', false],
    ['EDGAR, Independence Day observed at noon', edgar, '2026-07-03T12:00:00-04:00', false],
    ['Federal Register, publication at 06:05', fr, '2026-03-10T06:05:00-04:00', true],
    ['Federal Register, public inspection at 08:45', fr, '2026-03-10T08:45:00-04:00', true],
    ['Federal Register, mid-afternoon', fr, '2026-03-10T15:00:00-04:00', false],
  ])('%s: %s', (_name, windows, moment, busy) => {
    expect(inBusyWindow(windows, at(moment))).toBe(busy);
  });

  it.each([
    [
      'in hours, just after the last run',
      '2026-03-10T10:00:20-04:00',
      '2026-03-10T10:00:00-04:00',
      true,
    ],
    [
      'off hours, 20 s after the last run',
      '2026-03-14T10:00:20-04:00',
      '2026-03-14T10:00:00-04:00',
      false,
    ],
    [
      'off hours, 10 minutes after the last run',
      '2026-03-14T10:10:00-04:00',
      '2026-03-14T10:00:00-04:00',
      true,
    ],
    ['off hours, never ran in this process', '2026-03-14T10:00:20-04:00', null, true],
  ])('%s: %s', (_name, moment, last, due) => {
    expect(isRunDue(edgar, 10, at(moment), last === null ? null : at(last))).toBe(due);
  });
});
