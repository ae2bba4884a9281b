/** The merchant's search box: which field a query is matched against. */
import { classifyOrderSearch } from '../../../cloudfunctions/common/domain/order-search';

test('an order number, a mobile number (spaces and dashes forgiven) or else a name', () => {
  expect(classifyOrderSearch(' 20260101120000000001abcdefg ')).toEqual({
    field: 'orderNo',
    value: '20260101120000000001abcdefg',
  });
  expect(classifyOrderSearch('139-1234 5678')).toEqual({ field: 'address.mobile', value: '13912345678' });
  expect(classifyOrderSearch('王小明')).toEqual({ field: 'address.name', value: '王小明' });
  expect(classifyOrderSearch('1391234567')).toEqual({ field: 'address.name', value: '1391234567' });
});
