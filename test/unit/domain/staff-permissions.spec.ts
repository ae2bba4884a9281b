/** The staff rules: who is owner, who keeps a role, what invitation codes look like. */
import {
  effectiveRole,
  INVITATION_ALPHABET,
  invitationCode,
  mayCall,
  normaliseInvitationCode,
} from '../../../cloudfunctions/common/domain/staff-permissions';

describe('effectiveRole', () => {
  const member = (role: 'owner' | 'operator' | 'service') => ({ _id: 'u1', role, name: 'x', joinedAt: 1 });

  test('owners are exactly the configured OPENIDs, whatever their document says', () => {
    expect(effectiveRole('u1', undefined, ['u1'])).toBe('owner');
    expect(effectiveRole('u1', member('service'), ['u1'])).toBe('owner');
  });

  test('an owner taken out of the configuration loses the role rather than keeping it by document', () => {
    expect(effectiveRole('u1', member('owner'), [])).toBeUndefined();
  });

  test('other staff have the role of their document; no document, no role; no OPENID, nobody', () => {
    expect(effectiveRole('u1', member('operator'), ['boss'])).toBe('operator');
    expect(effectiveRole('u1', undefined, ['boss'])).toBeUndefined();
    expect(effectiveRole('', undefined, [''])).toBeUndefined();
  });
});

describe('mayCall', () => {
  test('joining is open to anyone, staff management to owners only', () => {
    expect(mayCall(undefined, 'staff.join')).toBe(true);
    expect(mayCall(undefined, 'orders.list')).toBe(false);
    expect(mayCall('operator', 'staff.invite')).toBe(false);
    expect(mayCall('owner', 'staff.invite')).toBe(true);
  });
});

describe('invitation codes', () => {
  test('ten characters of the alphabet without look-alikes', () => {
    const code = invitationCode(Uint8Array.from([0, 1, 2, 30, 31, 62, 255, 128, 64, 7]));
    expect(code).toHaveLength(10);
    expect([...code].every((c) => INVITATION_ALPHABET.includes(c))).toBe(true);
    expect(code).not.toMatch(/[01OIL]/);
  });

  test('refuses too few random bytes', () => {
    expect(() => invitationCode(new Uint8Array(4))).toThrow();
  });

  test('what people type is forgiven its spaces and case', () => {
    expect(normaliseInvitationCode(' ab cd\te ')).toBe('ABCDE');
  });
});
