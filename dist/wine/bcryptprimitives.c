/* A stand-in bcryptprimitives.dll for testing dossier.exe under Wine before 8.13, which lacks
 * the DLL. Rust's standard library (1.78 and later) takes its random numbers from ProcessPrng
 * there; real Windows 10 and 11 have it. This one asks advapi32's RtlGenRandom instead.
 * Never shipped: only the Wine tests put it beside the exe. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
