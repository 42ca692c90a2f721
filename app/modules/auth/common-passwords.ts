// The most common passwords in public breach lists, plus Vietnamese favourites. Compared lower-cased.
export const commonPasswords = new Set([
  '12345678', '123456789', '1234567890', '123123123', '11111111', '00000000', '88888888', '66666666',
  '12341234', '87654321', '11223344', '123456789a', 'password', 'password1', 'password123', 'passw0rd',
  'qwertyui', 'qwerty123', 'qwertyuiop', '1q2w3e4r', '1qaz2wsx', 'abc12345', 'abcd1234', 'iloveyou',
  'sunshine', 'princess', 'football', 'baseball', 'welcome1', 'admin123', 'administrator', 'letmein1',
  'trustno1', 'dragon12', 'monkey12', 'master12', 'superman', 'asdfghjk', 'zxcvbnm1', 'matkhau1',
  'matkhau123', 'anhyeuem', 'emyeuanh', 'vietnam1', 'vietnam123', 'hanoi123', 'saigon123', '147258369',
  '123654789', '159753123', '789456123', 'aaaaaaaa', 'abcdefgh', 'changeme', 'default1', 'computer',
])
