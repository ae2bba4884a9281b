/** The H5 region picker's steps: only real divisions can be chosen, in order, and what it finishes with the server accepts. */
import { findRegion, provinces } from '../../../../cloudfunctions/common/domain/regions';
import { backTo, choose, optionsAt, startSteps, type RegionSteps } from '../region-steps';

function pickByName(steps: RegionSteps, name: string) {
  const option = optionsAt(steps).find((o) => o.name === name);
  if (!option) throw new Error(`${name} is not offered`);
  return choose(steps, option);
}

function stepsOf(result: ReturnType<typeof choose>): RegionSteps {
  if (result.done) throw new Error('finished too early');
  return result.steps;
}

test('starts with every province, then offers the chosen province’s cities, then the city’s districts', () => {
  const start = startSteps();
  expect(optionsAt(start)).toEqual(provinces());
  const zhejiang = stepsOf(pickByName(start, '浙江省'));
  expect(optionsAt(zhejiang).map((o) => o.name)).toContain('杭州市');
  expect(optionsAt(zhejiang).map((o) => o.name)).not.toContain('南京市');
  const hangzhou = stepsOf(pickByName(zhejiang, '杭州市'));
  expect(optionsAt(hangzhou).map((o) => o.name)).toContain('西湖区');
  expect(optionsAt(hangzhou).map((o) => o.name)).not.toContain('鼓楼区');
});

test('choosing a district finishes with a region the server’s check accepts', () => {
  let steps = startSteps();
  steps = stepsOf(pickByName(steps, '新疆维吾尔自治区'));
  steps = stepsOf(pickByName(steps, '乌鲁木齐市'));
  const done = pickByName(steps, '天山区');
  expect(done).toEqual({
    done: true,
    region: { province: '新疆维吾尔自治区', city: '乌鲁木齐市', district: '天山区' },
  });
  if (done.done) expect(findRegion(done.region)).toBeDefined();
});

test('every province leads to at least one finished region (no step without options)', () => {
  for (const province of provinces()) {
    let steps = stepsOf(choose(startSteps(), province));
    const city = optionsAt(steps)[0];
    expect(city).toBeDefined();
    steps = stepsOf(choose(steps, city));
    const district = optionsAt(steps)[0];
    expect(district).toBeDefined();
    const done = choose(steps, district);
    expect(done.done && findRegion(done.region)).toBeTruthy();
  }
});

test('an option of another step (a stale tap) changes nothing', () => {
  const zhejiang = stepsOf(pickByName(startSteps(), '浙江省'));
  const beijing = provinces().find((o) => o.name === '北京市')!;
  expect(choose(zhejiang, beijing)).toEqual({ done: false, steps: zhejiang });
});

test('tapping an earlier step’s tab goes back to it and drops what was chosen after', () => {
  const hangzhou = stepsOf(pickByName(stepsOf(pickByName(startSteps(), '浙江省')), '杭州市'));
  expect(backTo(hangzhou, 0)).toEqual({ picked: [] });
  expect(backTo(hangzhou, 1).picked.map((o) => o.name)).toEqual(['浙江省']);
  expect(backTo(hangzhou, 2)).toBe(hangzhou);
});
