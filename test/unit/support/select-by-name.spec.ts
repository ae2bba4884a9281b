/** Selecting scenarios and stages by name: a name that selects nothing fails the run instead of passing it. */
import { selectByName } from '../../support/select-by-name';

const all = [{ name: 'browse' }, { name: 'checkout' }, { name: 'pay' }];

describe('selectByName', () => {
  it('runs everything when no name is given', () => {
    expect(selectByName(all, [], 'scenario')).toEqual({ ok: true, selected: all });
  });

  it('runs the named ones, in their own order', () => {
    expect(selectByName(all, ['pay', 'browse'], 'scenario')).toEqual({
      ok: true,
      selected: [{ name: 'browse' }, { name: 'pay' }],
    });
  });

  it('refuses a misspelt name, listing what exists, even beside a good one', () => {
    const selection = selectByName(all, ['browse', 'chekout'], 'scenario');
    expect(selection).toEqual({
      ok: false,
      message: 'no scenario named "chekout"; the scenarios are:\n  browse\n  checkout\n  pay',
    });
  });

  it('refuses a run with nothing to select from', () => {
    expect(selectByName([], [], 'stage')).toEqual({ ok: false, message: 'there is no stage to run' });
  });
});
